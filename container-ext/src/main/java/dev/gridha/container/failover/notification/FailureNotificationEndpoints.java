package dev.gridha.container.failover.notification;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.oasis_open.docs.wsn.b_2.NotificationMessageHolderType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.gridha.client.faulttolerance.FailureNotice;
import dev.gridha.container.endpoint.ServiceEndpoints;

/**
 * A replica's FAILURE notifications on the wire (WS-BaseNotification, thesis Fig. III.3): clients subscribe
 * at every replica, and the one that takes over tells them. Published below the service's servlet:
 * <ul>
 * <li>{@value #PRODUCER}: NotificationProducer, Subscribe to {@value FailureNotice#TOPIC} (push to the
 *     subscriber's consumer) and GetCurrentMessage (the last take-over, for a client that subscribed late);</li>
 * <li>{@value #SUBSCRIPTION}{@code ?id=...}: SubscriptionManager (Unsubscribe, Renew);</li>
 * <li>{@value #PULL_POINTS}: CreatePullPoint, for clients that cannot accept connections, and
 *     {@value #PULL_POINT}{@code ?id=...}: their PullPoint (GetMessages, DestroyPullPoint).</li>
 * </ul>
 * Pushes go out on their own threads as plain HTTP posts of a Notify ({@link NotifyPush}), so a slow or dead
 * consumer delays nobody; one that cannot be reached loses its subscription.
 */
public final class FailureNotificationEndpoints implements AutoCloseable {

    public static final String PRODUCER = "/failure";
    static final String SUBSCRIPTION = "/failure/subscription";
    static final String PULL_POINTS = "/failure/pullpoints";
    static final String PULL_POINT = "/failure/pullpoint";
    private static final Duration PUSH_TIMEOUT = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(FailureNotificationEndpoints.class);

    private final String group;
    private final FailureNotifications notifications = new FailureNotifications(System::nanoTime);
    private final NotifyPush push = new NotifyPush(PUSH_TIMEOUT);
    private final ExecutorService pushes = Executors.newFixedThreadPool(4, task -> {
        Thread thread = new Thread(task, "gridha-failure-push");
        thread.setDaemon(true);
        return thread;
    });
    private List<Server> servers = List.of();
    /** The producer's address as clients reach it, learnt from their first request (behind a servlet). */
    private volatile String producerAddress;

    private FailureNotificationEndpoints(String group) {
        this.group = Objects.requireNonNull(group, "group");
    }

    /** Publishes the four endpoints for {@code group} on {@code bus}. */
    public static FailureNotificationEndpoints publish(Bus bus, String group) {
        FailureNotificationEndpoints endpoints = new FailureNotificationEndpoints(group);
        endpoints.servers = List.of(
                ServiceEndpoints.publishPlain(bus, PRODUCER, new FailureProducerPort(endpoints),
                        org.oasis_open.docs.wsn.bw_2.NotificationProducer.class),
                ServiceEndpoints.publishPlain(bus, SUBSCRIPTION, new FailureSubscriptionPort(endpoints.notifications),
                        org.oasis_open.docs.wsn.bw_2.SubscriptionManager.class),
                ServiceEndpoints.publishPlain(bus, PULL_POINTS, new FailurePullPointsPort(endpoints.notifications),
                        org.oasis_open.docs.wsn.bw_2.CreatePullPoint.class),
                ServiceEndpoints.publishPlain(bus, PULL_POINT, new FailurePullPointPort(endpoints.notifications),
                        org.oasis_open.docs.wsn.bw_2.PullPoint.class));
        return endpoints;
    }

    FailureNotifications notifications() {
        return notifications;
    }

    String group() {
        return group;
    }

    /**
     * This replica took over as primary of {@code epoch}: queued for every pull point, pushed to every
     * subscriber.
     */
    public void tookOver(long epoch, String replica) {
        FailureNotice notice = new FailureNotice(group, epoch, replica);
        for (FailureNotifications.Subscription subscription : notifications.publish(notice)) {
            pushes.execute(() -> push(subscription, notice));
        }
    }

    private void push(FailureNotifications.Subscription subscription, FailureNotice notice) {
        try {
            push.send(subscription.consumer(), notice, subscriptionAddress(subscription.id()));
        } catch (RuntimeException e) {
            LOG.info("failure notice for {} not delivered to {}; subscription ended: {}", group,
                    subscription.consumer(), e.toString());
            notifications.undeliverable(subscription.id());
        }
    }

    private String subscriptionAddress(String id) {
        String producer = producerAddress;
        return (producer == null ? PRODUCER : producer) + "/subscription?id=" + id;
    }

    /** Where this request reached the producer (learnt once). */
    static String requestAddress() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        Object url = message == null ? null : message.get(Message.REQUEST_URL);
        return url == null ? null : url.toString();
    }

    void producerReachedAt(String address) {
        if (address != null) {
            producerAddress = address;
        }
    }

    /** The {@code id} parameter of the current request's address. */
    static String requestedId() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        Object query = message == null ? null : message.get(Message.QUERY_STRING);
        if (query != null) {
            for (String pair : query.toString().split("&")) {
                if (pair.startsWith("id=")) {
                    return java.net.URLDecoder.decode(pair.substring(3), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        return "";
    }

    static NotificationMessageHolderType.Message content(FailureNotice notice) {
        NotificationMessageHolderType.Message content = new NotificationMessageHolderType.Message();
        content.setAny(element(notice));
        return content;
    }

    private static Element element(FailureNotice notice) {
        try {
            Document document = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().newDocument();
            Element element = notice.toElement(document);
            document.appendChild(element);
            return element;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no DOM", e);
        }
    }

    @Override
    public void close() {
        pushes.shutdownNow();
        servers.forEach(Server::destroy);
    }
}
