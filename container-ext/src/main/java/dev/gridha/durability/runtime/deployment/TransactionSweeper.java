package dev.gridha.durability.runtime.deployment;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gridha.durability.runtime.ServiceTransactions;

/**
 * Rolls back service transactions that outlived their timeout, so a client that vanished mid-transaction
 * cannot hold state objects and database connections for ever.
 */
final class TransactionSweeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionSweeper.class);

    private final ScheduledExecutorService timer;

    private TransactionSweeper(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static TransactionSweeper every(Duration period, ServiceTransactions transactions, String service) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gridha-transaction-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                List<String> expired = transactions.rollBackExpired();
                if (!expired.isEmpty()) {
                    LOG.warn("{}: rolled back {} service transaction(s) past their timeout: {}", service,
                            expired.size(), expired);
                }
            } catch (RuntimeException e) {
                LOG.error("{}: sweeping expired service transactions failed", service, e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return new TransactionSweeper(timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
