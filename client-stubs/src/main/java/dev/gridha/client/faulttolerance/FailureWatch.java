package dev.gridha.client.faulttolerance;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.oasis_open.docs.wsn.b_2.TopicExpressionType;

import dev.gridha.client.wire.XmlLimits;

/**
 * Listens for FAILURE notifications from every replica of one {@link FaultTolerance} (the thesis's clients
 * subscribe at every backup): when a replica announces that it took over, calls go to it at once, and calls in
 * flight at the old primary are sent there too instead of waiting for their connection to fail (which, when
 * a host rather than a process dies, takes until the receive timeout). Two ways to listen:
 * <ul>
 * <li>{@link #push}: a small HTTP consumer in this process, subscribed at each replica's
 *     {@code services/failure} producer;</li>
 * <li>{@link #pull}: for clients that cannot accept connections, a pull point at each replica, fetched
 *     periodically.</li>
 * </ul>
 * Replicas that cannot be reached are tried again every few seconds (a restarted one has forgotten its
 * subscribers). Close it to unsubscribe.
 */
public abstract sealed class FailureWatch implements AutoCloseable permits PushFailureWatch, PullFailureWatch {

    /** Where each replica publishes its FAILURE producer, below its base. */
    static final String PRODUCER_PATH = "/services/failure";
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

    protected final FaultTolerance tolerance;
    protected final ScheduledExecutorService timer;

    protected FailureWatch(FaultTolerance tolerance, String name) {
        this.tolerance = tolerance;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "gridha-failure-watch-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Push: notifications come to an HTTP consumer this process opens on {@code listenOn} (port 0 for any),
     * which every replica must be able to reach at that address.
     */
    public static FailureWatch push(FaultTolerance tolerance, InetSocketAddress listenOn) {
        return PushFailureWatch.start(tolerance, listenOn);
    }

    /** Pull: every {@code every}, the notices queued at each replica's pull point are fetched. */
    public static FailureWatch pull(FaultTolerance tolerance, Duration every) {
        return PullFailureWatch.start(tolerance, every);
    }

    /** Runs {@code task} now and then every {@code period} (failures logged by the task, never stopping it). */
    protected void every(Duration period, Runnable task) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // a replica down or refusing: tried again at the next period
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    protected String producer(int replica) {
        return tolerance.replicas().get(replica) + PRODUCER_PATH;
    }

    protected List<java.net.URI> replicas() {
        return tolerance.replicas();
    }

    /** A WS-Notification port at {@code address}, with short timeouts and the client's XML limits. */
    static <T> T port(Class<T> type, String address) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(type);
        factory.setAddress(address);
        T port = factory.create(type);
        Client client = ClientProxy.getClient(port);
        client.getEndpoint().putAll(XmlLimits.defaults().asEndpointProperties());
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(CALL_TIMEOUT.toMillis());
        policy.setReceiveTimeout(CALL_TIMEOUT.toMillis());
        ((HTTPConduit) client.getConduit()).setClient(policy);
        return port;
    }

    /** The topic filter of a FAILURE subscription. */
    static org.oasis_open.docs.wsn.b_2.FilterType failureTopic() {
        TopicExpressionType expression = new TopicExpressionType();
        expression.setDialect("http://docs.oasis-open.org/wsn/t-1/TopicExpression/Simple");
        expression.getContent().add(FailureNotice.TOPIC);
        org.oasis_open.docs.wsn.b_2.FilterType filter = new org.oasis_open.docs.wsn.b_2.FilterType();
        filter.getAny().add(new org.oasis_open.docs.wsn.b_2.ObjectFactory().createTopicExpression(expression));
        return filter;
    }

    /** What every watch does on close after stopping its timer (unsubscribe, destroy pull points). */
    protected abstract void release();

    @Override
    public void close() {
        timer.shutdownNow();
        release();
    }
}
