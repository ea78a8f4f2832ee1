package dev.gridha.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closed-loop load: {@code clients} threads, each calling its own operation back to back for a fixed time
 * or count, each call timed into an HdrHistogram. Every run is bounded in both count and time so that a
 * stuck server cannot hang a benchmark.
 */
public final class LoadGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(LoadGenerator.class);
    private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(2);

    /** One client's operation; it is called from one thread only. */
    @FunctionalInterface
    public interface Operation {
        /** The timed call. */
        void call() throws Exception;

        /** Untimed work after each successful call (cleaning up what the call created); counts in wall time. */
        default void after() throws Exception {
        }
    }

    private final LongSupplier nanoClock;

    public LoadGenerator() {
        this(System::nanoTime);
    }

    LoadGenerator(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * Runs the load until {@code duration} has passed or every client made {@code maxOperationsPerClient}
     * calls, whichever comes first.
     *
     * @param operations creates client {@code i}'s operation (outside the timed part)
     */
    public LoadResult run(int clients, Duration duration, long maxOperationsPerClient,
                          IntFunction<Operation> operations) {
        List<Operation> perClient = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            perClient.add(operations.apply(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients, runnable -> {
            Thread thread = new Thread(runnable, "gridha-load");
            thread.setDaemon(true);
            return thread;
        });
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ClientTally>> futures = new ArrayList<>();
        long[] deadline = new long[1];
        for (Operation operation : perClient) {
            futures.add(pool.submit(() -> {
                start.await();
                return drive(operation, deadline[0], maxOperationsPerClient);
            }));
        }
        long began = nanoClock.getAsLong();
        deadline[0] = began + duration.toNanos();
        start.countDown();
        Histogram all = new Histogram(MAX_LATENCY_MICROS, 3);
        long ops = 0;
        long errors = 0;
        try {
            for (Future<ClientTally> future : futures) {
                ClientTally tally = future.get(duration.toMillis() + 120_000, TimeUnit.MILLISECONDS);
                all.add(tally.latency);
                ops += tally.operations;
                errors += tally.errors;
            }
        } catch (Exception e) {
            throw new IllegalStateException("load run did not finish: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
        long elapsed = nanoClock.getAsLong() - began;
        return new LoadResult(clients, ops, errors, Duration.ofNanos(elapsed), all);
    }

    private ClientTally drive(Operation operation, long deadline, long maxOperations) {
        ClientTally tally = new ClientTally();
        while (tally.operations + tally.errors < maxOperations && nanoClock.getAsLong() < deadline) {
            long before = nanoClock.getAsLong();
            try {
                operation.call();
                long micros = Math.max(1, (nanoClock.getAsLong() - before) / 1000);
                tally.latency.recordValue(Math.min(micros, MAX_LATENCY_MICROS));
                tally.operations++;
                operation.after();
            } catch (Exception e) {
                tally.errors++;
                if (tally.errors <= 3) {
                    LOG.warn("operation failed: {}", e.toString());
                }
            }
        }
        return tally;
    }

    private static final class ClientTally {
        final Histogram latency = new Histogram(MAX_LATENCY_MICROS, 3);
        long operations;
        long errors;
    }
}
