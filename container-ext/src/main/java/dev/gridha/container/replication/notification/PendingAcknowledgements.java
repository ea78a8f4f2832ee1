package dev.gridha.container.replication.notification;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import dev.gridha.container.replication.Acknowledgement;
import dev.gridha.container.replication.StateTransferException;
import dev.gridha.container.replication.StateUpdate;

/**
 * The updates sent to one backup that wait for its acknowledgement, by group and sequence number. In this
 * transport the acknowledgement is a separate notification, not the answer to the update's call, so it
 * must be matched to its update: an acknowledgement that matches nothing pending (late, duplicated, or for
 * an update never sent) completes nothing.
 *
 * <p>Thread-safe: updates are registered by the sender, acknowledged by the endpoint's request threads.
 */
final class PendingAcknowledgements {

    private record Key(String group, long sequence) {
    }

    private final Map<Key, CompletableFuture<Acknowledgement>> pending = new ConcurrentHashMap<>();

    /**
     * Starts waiting for {@code update}'s acknowledgement. The future leaves the table however it completes.
     *
     * @throws IllegalStateException if the same update is already waiting: two answers could not be told apart
     */
    CompletableFuture<Acknowledgement> register(StateUpdate update) {
        Key key = new Key(update.group(), update.sequence());
        CompletableFuture<Acknowledgement> future = new CompletableFuture<>();
        if (pending.putIfAbsent(key, future) != null) {
            throw new IllegalStateException("update " + update.sequence() + " of " + update.group()
                    + " is already waiting for its acknowledgement");
        }
        future.whenComplete((ack, error) -> pending.remove(key, future));
        return future;
    }

    /**
     * Completes the update {@code ack} answers.
     *
     * @return false if no update of {@code group} with that sequence number is waiting
     */
    boolean acknowledge(String group, Acknowledgement ack) {
        CompletableFuture<Acknowledgement> future = pending.get(new Key(group, ack.sequence()));
        return future != null && future.complete(ack);
    }

    /** Fails every waiting update: the backup may have missed one, so none of them counts. */
    void failAll(StateTransferException cause) {
        pending.values().forEach(future -> future.completeExceptionally(cause));
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }
}
