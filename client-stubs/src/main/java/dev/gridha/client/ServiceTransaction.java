package dev.gridha.client;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import dev.gridha.client.transaction.ServiceTransactionPort;


/**
 * One open service transaction. Calls made through gridha's client stubs inside {@link #run} or
 * {@link #call} join it; {@link #commit} makes all their updates durable at once, {@link #rollback} undoes
 * them. Closing an uncommitted transaction rolls it back, so try-with-resources never leaves one open:
 *
 * <pre>{@code
 * try (ServiceTransaction tx = transactions.begin(Duration.ofSeconds(30))) {
 *     tx.run(() -> { from.add(-5); to.add(5); });
 *     tx.commit();
 * }
 * }</pre>
 *
 * <p>A transaction lives on one service deployment (the one whose transaction endpoint began it); a call to
 * another service inside {@code run} is refused by that service. If the service fails over, the transaction
 * is gone: commit fails with the {@code transaction.unknown} code and the client runs the transaction again.
 */
public final class ServiceTransaction implements AutoCloseable {

    private static final ThreadLocal<ServiceTransaction> CURRENT = new ThreadLocal<>();

    private final ServiceTransactionPort port;
    private final String id;
    private volatile boolean ended;

    ServiceTransaction(ServiceTransactionPort port, String id) {
        this.port = port;
        this.id = id;
    }

    /** The transaction current on this thread, if a {@link #run} or {@link #call} is in progress. */
    public static Optional<ServiceTransaction> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    public String id() {
        return id;
    }

    /** Runs {@code work} with this transaction current on this thread. */
    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** Calls {@code work} with this transaction current on this thread and returns its result. */
    public <T> T call(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        if (ended) {
            throw new IllegalStateException("transaction " + id + " has ended");
        }
        ServiceTransaction outer = CURRENT.get();
        if (outer != null && outer != this) {
            throw new IllegalStateException("transaction " + outer.id + " is already current on this thread");
        }
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            }
        }
    }

    /**
     * commitTA.
     *
     * @throws GridServiceFault when the service could not make the transaction durable (it rolled it back)
     *                          or no longer has it open ({@code transaction.unknown})
     */
    public void commit() {
        end(() -> port.commit(id));
    }

    /** abortTA. */
    public void rollback() {
        end(() -> port.rollback(id));
    }

    /** Rolls back unless committed or rolled back already. */
    @Override
    public void close() {
        if (!ended) {
            rollback();
        }
    }

    private void end(Runnable call) {
        if (ended) {
            throw new IllegalStateException("transaction " + id + " has already ended");
        }
        ended = true;
        ServiceTransaction current = CURRENT.get();
        CURRENT.remove(); // the transaction endpoint itself takes no transaction header
        try {
            call.run();
        } catch (jakarta.xml.ws.WebServiceException failure) {
            throw GridServiceFault.of(failure);
        } finally {
            if (current != null) {
                CURRENT.set(current);
            }
        }
    }
}
