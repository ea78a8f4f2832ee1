package dev.gridha.container.replication.notification;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.oasis_open.docs.wsn.bw_2.NotificationConsumer;
import org.oasis_open.docs.wsn.bw_2.NotificationProducer;
import org.oasis_open.docs.wsn.bw_2.SubscriptionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gridha.client.ClientOptions;
import dev.gridha.container.replication.StateTransfer;
import dev.gridha.container.replication.StateTransferException;
import dev.gridha.container.replication.socket.SharedSecret;

/**
 * The primary's end of the WS-Notification state transfer (thesis: backups subscribe to the primary's
 * STATE_UPDATE topic). The primary is its own NotificationProducer; below the path it is given it publishes:
 * <ul>
 * <li>{@code <path>}: the NotificationProducer port, taking Subscribes to {@value Topics#STATE_UPDATE} only;</li>
 * <li>{@code <path>/subscriptions/<id>}: one SubscriptionManager per subscription, whose Unsubscribe ends it;</li>
 * <li>{@code <path>/acknowledgements}: its own NotificationConsumer, for the backups' signed
 *     {@value Topics#STATE_ACKNOWLEDGEMENT} notifications.</li>
 * </ul>
 * Each subscription is a {@link NotificationStateTransfer} to that backup, for a {@code PrimaryReplicator}
 * to send through ({@link #awaitSubscribers} at deployment start). Every endpoint verifies the group's
 * WS-Security signature before anything else.
 *
 * <p>One endpoint serves one replica group: an acknowledgement carries only a sequence number, and the group
 * it belongs to is the group of the endpoint it reaches.
 */
public final class NotificationProducerEndpoint implements AutoCloseable {

    /** Below the producer's path (and address), where the acknowledgement consumer is. */
    static final String ACKNOWLEDGEMENTS = "/acknowledgements";
    /** Below the producer's path (and address), where subscription managers are, followed by an id. */
    static final String SUBSCRIPTIONS = "/subscriptions/";

    private static final Logger LOG = LoggerFactory.getLogger(NotificationProducerEndpoint.class);

    private record Subscription(NotificationStateTransfer transfer, Server manager) {
    }

    private final Bus bus;
    private final String path;
    private final String group;
    private final SharedSecret secret;
    private final ClientOptions options;
    private final Subscriptions<Subscription> subscriptions = new Subscriptions<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private Server producerServer;
    private Server acknowledgementServer;

    private NotificationProducerEndpoint(Bus bus, String path, String group, SharedSecret secret,
                                         ClientOptions options) {
        this.bus = bus;
        this.path = path;
        this.group = group;
        this.secret = secret;
        this.options = options;
    }

    /**
     * Publishes the producer of {@code group}'s state updates.
     *
     * @param path    the path below the CXF servlet, such as {@code /notification}
     * @param options the HTTP transport of the Notifies to backups; its receive timeout bounds how long a
     *                stalled backup holds its transfer's sender thread
     */
    public static NotificationProducerEndpoint publish(Bus bus, String path, String group, SharedSecret secret,
                                                       ClientOptions options) {
        NotificationProducerEndpoint endpoint = new NotificationProducerEndpoint(Objects.requireNonNull(bus, "bus"),
                Objects.requireNonNull(path, "path"), Objects.requireNonNull(group, "group"),
                Objects.requireNonNull(secret, "secret"), Objects.requireNonNull(options, "options"));
        endpoint.acknowledgementServer = NotificationPorts.publish(bus, path + ACKNOWLEDGEMENTS,
                new AcknowledgementPort(endpoint), NotificationConsumer.class, secret);
        endpoint.producerServer = NotificationPorts.publish(bus, path, new ProducerPort(endpoint),
                NotificationProducer.class, secret);
        return endpoint;
    }

    /** The address of the acknowledgement consumer of the producer at {@code producerAddress}. */
    static String acknowledgementAddress(String producerAddress) {
        return producerAddress + ACKNOWLEDGEMENTS;
    }

    /**
     * Waits until {@code count} backups have subscribed.
     *
     * @return the transfers to the first {@code count} subscribers, oldest first
     * @throws StateTransferException if fewer subscribed within {@code timeout}, or the caller was interrupted
     */
    public List<StateTransfer> awaitSubscribers(int count, Duration timeout) {
        try {
            return subscriptions.await(count, timeout)
                    .map(found -> found.stream().<StateTransfer>map(Subscription::transfer).toList())
                    .orElseThrow(() -> new StateTransferException("only " + subscriptions.all().size() + " of "
                            + count + " backups of " + group + " subscribed within " + timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateTransferException("interrupted waiting for backups of " + group + " to subscribe", e);
        }
    }

    /** The transfer to the backup whose NotificationConsumer is at {@code consumerAddress}, while subscribed. */
    public Optional<StateTransfer> transferTo(String consumerAddress) {
        return subscriptions.byConsumer(consumerAddress).map(entry -> entry.value().transfer());
    }

    /** The transfers to every subscribed backup, oldest subscription first. */
    public List<StateTransfer> transfers() {
        return subscriptions.all().stream().<StateTransfer>map(entry -> entry.value().transfer()).toList();
    }

    /**
     * Starts a subscription: its transfer, then its manager endpoint, and only then makes it visible.
     *
     * @throws IllegalStateException if the consumer is already subscribed or the producer is closed
     */
    void subscribe(String consumer, String reference, String id) {
        if (closed.get()) {
            throw new IllegalStateException("the producer of " + group + " is closed");
        }
        NotificationStateTransfer transfer = NotificationStateTransfer.to(bus,
                new NotificationStateTransfer.Subscriber(consumer, reference), group, secret,
                options, () -> endSubscription(reference));
        Server manager = NotificationPorts.publish(bus, path + SUBSCRIPTIONS + id,
                new SubscriptionManagerPort(this, reference), SubscriptionManager.class, secret);
        try {
            subscriptions.add(reference, consumer, new Subscription(transfer, manager));
        } catch (IllegalStateException e) {
            manager.destroy();
            transfer.close();
            throw e;
        }
        LOG.info("backup {} subscribed to the state updates of {} as {}", consumer, group, reference);
    }

    /** The live subscription's transfer named by {@code reference}. */
    Optional<NotificationStateTransfer> transfer(String reference) {
        return subscriptions.byReference(reference).map(Subscription::transfer);
    }

    /**
     * Ends a subscription: its transfer closes (failing what waits) and its manager endpoint goes away.
     *
     * @return false if it had already ended
     */
    boolean endSubscription(String reference) {
        Optional<Subscriptions.Entry<Subscription>> ended = subscriptions.remove(reference);
        ended.ifPresent(entry -> {
            LOG.info("subscription {} of backup {} to {} ended", reference, entry.consumer(), group);
            entry.value().transfer().close();
            entry.value().manager().destroy();
        });
        return ended.isPresent();
    }

    /** Ends every subscription and takes the endpoints down. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            producerServer.destroy();
            for (Subscriptions.Entry<Subscription> entry : subscriptions.all()) {
                endSubscription(entry.reference());
            }
            acknowledgementServer.destroy();
        }
    }
}
