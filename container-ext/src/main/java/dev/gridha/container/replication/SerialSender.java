package dev.gridha.container.replication;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * One daemon thread that delivers a backup's updates one at a time, in the order they were handed over: what
 * keeps a backup reached by SOAP calls seeing the updates in sequence order without a session.
 */
public final class SerialSender {

    private final ExecutorService thread;

    public SerialSender(String threadName) {
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread sender = new Thread(runnable, threadName);
            sender.setDaemon(true);
            return sender;
        });
    }

    /**
     * Queues {@code delivery}; once the sender is shut down, fails {@code future} with {@code closed} instead.
     */
    public void submit(Runnable delivery, CompletableFuture<?> future, Supplier<? extends Throwable> closed) {
        try {
            thread.execute(delivery);
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(closed.get());
        }
    }

    /** Lets the delivery under way finish and refuses new ones. */
    public void shutdown() {
        thread.shutdown();
    }

    /** Interrupts the delivery under way and refuses new ones. */
    public void shutdownNow() {
        thread.shutdownNow();
    }
}
