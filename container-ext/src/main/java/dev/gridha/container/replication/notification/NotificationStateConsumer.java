package dev.gridha.container.replication.notification;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.oasis_open.docs.wsn.b_2.FilterType;
import org.oasis_open.docs.wsn.b_2.ObjectFactory;
import org.oasis_open.docs.wsn.b_2.Subscribe;
import org.oasis_open.docs.wsn.b_2.SubscribeResponse;
import org.oasis_open.docs.wsn.b_2.Unsubscribe;
import org.oasis_open.docs.wsn.bw_2.NotificationConsumer;
import org.oasis_open.docs.wsn.bw_2.NotificationProducer;
import org.oasis_open.docs.wsn.bw_2.SubscriptionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gridha.client.ClientOptions;
import dev.gridha.container.replication.StateTransferException;
import dev.gridha.container.replication.StateUpdateHandler;
import dev.gridha.container.replication.socket.SharedSecret;
import dev.gridha.container.replication.soap.ReplicationClients;

/**
 * The backup's end of the WS-Notification state transfer: a NotificationConsumer endpoint subscribed to
 * the primary's {@value Topics#STATE_UPDATE} topic. Each update goes to the {@link StateUpdateHandler} in
 * the order the primary sent it, and the handler's acknowledgement goes back to the primary as a signed
 * {@value Topics#STATE_ACKNOWLEDGEMENT} notification. {@link #close()} unsubscribes.
 *
 * <p>Every message either way is signed with the group's secret ({@code ReplicationSecurityFeature}); an
 * update that does not verify never reaches the handler.
 */
public final class NotificationStateConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationStateConsumer.class);

    private final Bus bus;
    private final Server endpoint;
    private final NotificationConsumer acknowledgements;
    private final String subscription;
    private final SharedSecret secret;
    private final ClientOptions options;
    private final AtomicBoolean closed = new AtomicBoolean();

    private NotificationStateConsumer(Bus bus, Server endpoint, NotificationConsumer acknowledgements,
                                      String subscription, SharedSecret secret, ClientOptions options) {
        this.bus = bus;
        this.endpoint = endpoint;
        this.acknowledgements = acknowledgements;
        this.subscription = subscription;
        this.secret = secret;
        this.options = options;
    }

    /**
     * Publishes the consumer endpoint and subscribes it at the primary.
     *
     * @param path            the path below the CXF servlet to publish the consumer at
     * @param ownAddress      the absolute address {@code path} is reached at, which the primary will notify
     * @param producerAddress the primary's NotificationProducer ({@link NotificationProducerEndpoint})
     * @throws StateTransferException if the primary refused the subscription or could not be reached
     */
    public static NotificationStateConsumer subscribe(Bus bus, String path, String ownAddress, String producerAddress,
                                                      StateUpdateHandler handler, SharedSecret secret,
                                                      ClientOptions options) {
        Objects.requireNonNull(handler, "handler");
        NotificationConsumer acknowledgements = NotificationPorts.consumer(bus,
                NotificationProducerEndpoint.acknowledgementAddress(producerAddress), secret, options);
        Server endpoint = NotificationPorts.publish(bus, path,
                new UpdatePort(handler, acknowledgements), NotificationConsumer.class, secret);
        NotificationProducer producer = ReplicationClients.create(bus, NotificationProducer.class, producerAddress,
                secret, options);
        try {
            SubscribeResponse response = producer.subscribe(subscribeRequest(ownAddress));
            String subscription = NotificationMessages.address(response.getSubscriptionReference());
            LOG.info("{} subscribed to the state updates of {} as {}", ownAddress, producerAddress, subscription);
            return new NotificationStateConsumer(bus, endpoint, acknowledgements, subscription, secret, options);
        } catch (Exception e) { // the port declares a dozen WS-Notification faults; each means the same here
            endpoint.destroy();
            ReplicationClients.destroy(acknowledgements);
            throw new StateTransferException("subscribing " + ownAddress + " to the state updates of "
                    + producerAddress + " failed: " + e.getMessage(), e);
        } finally {
            ReplicationClients.destroy(producer);
        }
    }

    private static Subscribe subscribeRequest(String ownAddress) {
        FilterType filter = new FilterType();
        filter.getAny().add(new ObjectFactory().createTopicExpression(Topics.expression(Topics.STATE_UPDATE)));
        Subscribe request = new Subscribe();
        request.setConsumerReference(NotificationMessages.reference(ownAddress));
        request.setFilter(filter);
        return request;
    }

    /** The address of this backup's subscription manager at the primary. */
    public String subscription() {
        return subscription;
    }

    /**
     * Unsubscribes, then takes the consumer endpoint down. A primary that cannot be reached is logged, not
     * thrown: its next Notify to the closed endpoint fails and ends the subscription on its side.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        SubscriptionManager manager = ReplicationClients.create(bus, SubscriptionManager.class, subscription, secret,
                options);
        try {
            manager.unsubscribe(new Unsubscribe());
        } catch (Exception e) { // a WS-Notification fault or a transport failure: either way, nothing to undo
            LOG.warn("unsubscribing {} failed: {}", subscription, e.getMessage());
        } finally {
            ReplicationClients.destroy(manager);
            endpoint.destroy();
            ReplicationClients.destroy(acknowledgements);
        }
    }
}
