package dev.gridha.container.replication.notification;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.xml.ws.WebServiceException;

import org.apache.cxf.Bus;
import org.oasis_open.docs.wsn.bw_2.NotificationConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gridha.client.ClientOptions;
import dev.gridha.container.replication.Acknowledgement;
import dev.gridha.container.replication.StateTransfer;
import dev.gridha.container.replication.SerialSender;
import dev.gridha.container.replication.StateTransferException;
import dev.gridha.container.replication.StateUpdate;
import dev.gridha.container.replication.socket.SharedSecret;
import dev.gridha.container.replication.soap.ReplicationClients;

/**
 * The primary's view of one backup subscribed to its {@value Topics#STATE_UPDATE} topic: each update goes
 * to the backup's NotificationConsumer as a signed, robust one-way {@code Notify}, and completes when the
 * backup's signed {@value Topics#STATE_ACKNOWLEDGEMENT} notification for it reaches the primary's
 * acknowledgement endpoint ({@link NotificationProducerEndpoint}), which hands it to {@link #acknowledged}.
 * An empty HTTP 202 proves nothing about who sent it, hence the separate, signed acknowledgement.
 *
 * <p>A backup sends its acknowledgement before it answers the update's Notify ({@link NotificationStateConsumer}),
 * so an update whose Notify was answered without an acknowledgement having arrived was taken by something
 * that is not a working backup, and fails at once instead of at the caller's timeout.
 *
 * <p>Notifies go out one at a time from one sender thread, in {@link #send} order, which keeps the backup's
 * handler seeing updates in sequence order. A failure (backup unreachable, a fault, an update without an
 * acknowledgement) fails every update waiting and closes the transfer, which ends the subscription: a
 * backup that may have missed an update must subscribe afresh. A refusal by the backup is an ordinary
 * {@link Acknowledgement.Outcome#REJECTED} acknowledgement and leaves the transfer usable.
 */
public final class NotificationStateTransfer implements StateTransfer {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationStateTransfer.class);

    private final Subscriber subscriber;
    private final String group;
    private final NotificationConsumer port;
    private final Runnable onClosed;
    private final SerialSender sender;
    private final PendingAcknowledgements pending = new PendingAcknowledgements();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();

    /**
     * Where a subscribed backup is and how the primary names its subscription.
     *
     * @param consumer     the backup's NotificationConsumer address, where updates go
     * @param subscription the address of the subscription's manager, carried in each notification
     */
    record Subscriber(String consumer, String subscription) {

        Subscriber {
            Objects.requireNonNull(consumer, "consumer");
            Objects.requireNonNull(subscription, "subscription");
        }
    }

    private NotificationStateTransfer(Subscriber subscriber, String group, NotificationConsumer port,
                                      Runnable onClosed) {
        this.subscriber = subscriber;
        this.group = group;
        this.port = port;
        this.onClosed = onClosed;
        this.sender = new SerialSender("gridha-replication-wsn-" + subscriber.consumer());
    }

    /**
     * A transfer of {@code group}'s updates to a subscribed backup.
     *
     * @param onClosed called once the transfer is closed or has failed, to end the subscription
     */
    static NotificationStateTransfer to(Bus bus, Subscriber subscriber, String group, SharedSecret secret,
                                        ClientOptions options, Runnable onClosed) {
        return new NotificationStateTransfer(subscriber, group,
                NotificationPorts.consumer(bus, subscriber.consumer(), secret, options), onClosed);
    }

    @Override
    public CompletableFuture<Acknowledgement> send(StateUpdate update) {
        if (!group.equals(update.group())) {
            return CompletableFuture.failedFuture(new StateTransferException("backup " + peer()
                    + " subscribed to the updates of " + group + ", not of " + update.group()));
        }
        if (closed.get()) {
            return CompletableFuture.failedFuture(closedException());
        }
        CompletableFuture<Acknowledgement> future;
        try {
            future = pending.register(update);
        } catch (IllegalStateException e) {
            return CompletableFuture.failedFuture(new StateTransferException(e.getMessage(), e));
        }
        sender.submit(() -> deliver(update, future), future, this::closedException);
        return future;
    }

    private void deliver(StateUpdate update, CompletableFuture<Acknowledgement> future) {
        if (closed.get()) {
            future.completeExceptionally(closedException());
            return;
        }
        try {
            port.notify(NotificationMessages.stateUpdate(update, subscriber.subscription()));
        } catch (WebServiceException e) {
            fail(new StateTransferException("notifying update " + update.sequence() + " to backup " + peer()
                    + " failed: " + StateTransferException.describe(e), e));
            return;
        }
        if (!future.isDone()) {
            fail(new StateTransferException("backup " + peer() + " took update " + update.sequence()
                    + " without acknowledging it"));
        }
    }

    /**
     * Completes the update that a verified acknowledgement from this backup answers.
     *
     * @return false if no such update is waiting (the caller stopped waiting, or it was never sent)
     */
    boolean acknowledged(Acknowledgement ack) {
        return pending.acknowledge(group, ack);
    }

    /** The subscription this transfer serves, as the primary named it. */
    String subscription() {
        return subscriber.subscription();
    }

    private void fail(StateTransferException cause) {
        if (closed.compareAndSet(false, true)) {
            LOG.warn("{}; the subscription of {} ends", cause.getMessage(), peer());
            sender.shutdown();
            onClosed.run();
        }
        pending.failAll(cause);
    }

    private StateTransferException closedException() {
        return new StateTransferException("transfer to backup " + peer() + " is closed");
    }

    /** The backup's NotificationConsumer address. */
    @Override
    public String peer() {
        return subscriber.consumer();
    }

    @Override
    public void close() {
        closed.set(true);
        if (released.compareAndSet(false, true)) {
            sender.shutdownNow();
            ReplicationClients.destroy(port);
            onClosed.run();
        }
        pending.failAll(closedException());
    }
}
