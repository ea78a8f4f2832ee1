package dev.gridha.container.replication.notification;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.gridha.container.replication.Acknowledgement;
import dev.gridha.container.replication.StateTransfer;
import dev.gridha.container.replication.StateTransferException;
import dev.gridha.container.replication.StateUpdate;

/**
 * A primary's channel to one configured backup over WS-Notification. The backup subscribes after the
 * primary is up (it needs the producer), so the channel exists before the subscription: each send goes to
 * the backup's current subscription, waiting for it up to a bound; a backup that never subscribes fails the
 * update, as an unreachable backup does on the other transports.
 */
public final class SubscribedTransfer implements StateTransfer {

    private final NotificationProducerEndpoint producer;
    private final String consumerAddress;
    private final Duration subscribeWait;

    /**
     * @param consumerAddress the backup's NotificationConsumer address, as configured in {@code gridha.backups}
     * @param subscribeWait   how long a send waits for the backup to subscribe
     */
    public SubscribedTransfer(NotificationProducerEndpoint producer, String consumerAddress, Duration subscribeWait) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.consumerAddress = Objects.requireNonNull(consumerAddress, "consumerAddress");
        this.subscribeWait = Objects.requireNonNull(subscribeWait, "subscribeWait");
    }

    @Override
    public CompletableFuture<Acknowledgement> send(StateUpdate update) {
        Optional<StateTransfer> subscribed = awaitSubscription();
        if (subscribed.isEmpty()) {
            return CompletableFuture.failedFuture(new StateTransferException("backup " + consumerAddress
                    + " has not subscribed to the STATE_UPDATE topic within " + subscribeWait.toMillis() + " ms"));
        }
        return subscribed.get().send(update);
    }

    private Optional<StateTransfer> awaitSubscription() {
        long deadline = System.nanoTime() + subscribeWait.toNanos();
        Optional<StateTransfer> subscribed = producer.transferTo(consumerAddress);
        while (subscribed.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            subscribed = producer.transferTo(consumerAddress);
        }
        return subscribed;
    }

    @Override
    public String peer() {
        return consumerAddress;
    }

    /** The subscription ends when the backup unsubscribes or the producer closes; nothing of its own to close. */
    @Override
    public void close() {
    }
}
