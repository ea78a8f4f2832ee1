package dev.gridha.client.faulttolerance;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.oasis_open.docs.wsn.b_2.Subscribe;
import org.oasis_open.docs.wsn.b_2.Unsubscribe;
import org.oasis_open.docs.wsn.bw_2.NotificationProducer;
import org.oasis_open.docs.wsn.bw_2.SubscriptionManager;
import org.w3c.dom.Document;

/**
 * A NotificationConsumer in this process (the JDK's HTTP server: no servlet container in a grid application)
 * and a subscription at every replica. Each replica gets its own consumer path, which is how a notice is
 * known to come from the replica that took over. Requests are read under a size cap and parsed with DTDs
 * and external entities refused.
 */
final class PushFailureWatch extends FailureWatch {

    /** Subscriptions are renewed (Subscribe again: the producer keeps one per consumer) this often. */
    private static final Duration RESUBSCRIBE = Duration.ofSeconds(10);
    private static final int MAX_NOTIFY_BYTES = 64 * 1024;

    private final HttpServer server;
    private final String consumerBase;
    private final SubscriptionManager[] subscriptions;

    private PushFailureWatch(FaultTolerance tolerance, HttpServer server, String consumerBase) {
        super(tolerance, "push");
        this.server = server;
        this.consumerBase = consumerBase;
        this.subscriptions = new SubscriptionManager[tolerance.replicas().size()];
    }

    static PushFailureWatch start(FaultTolerance tolerance, InetSocketAddress listenOn) {
        HttpServer server;
        try {
            server = HttpServer.create(listenOn, 16);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen for FAILURE notifications on " + listenOn + ": "
                    + e.getMessage(), e);
        }
        byte[] random = new byte[9];
        new SecureRandom().nextBytes(random);
        String path = "/gridha-failure/" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().isAnyLocalAddress() ? "127.0.0.1" : bound.getAddress().getHostAddress();
        PushFailureWatch watch = new PushFailureWatch(tolerance, server,
                "http://" + host + ":" + bound.getPort() + path);
        try {
            parse(new java.io.ByteArrayInputStream("<warm/>".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (IOException impossible) {
            // an in-memory stream
        }
        // (parsed once now: the parser's first use loads classes, and the first notice is the one that counts)
        server.createContext(path + "/", watch::received);
        server.setExecutor(null); // the server's own thread: a notice is handled in microseconds
        server.start();
        tolerance.watched();
        for (int replica = 0; replica < watch.subscriptions.length; replica++) {
            int index = replica;
            watch.every(RESUBSCRIBE, () -> watch.subscribe(index));
        }
        return watch;
    }

    /** The consumer address replica {@code replica} notifies. */
    String consumer(int replica) {
        return consumerBase + "/" + replica;
    }

    private void subscribe(int replica) {
        Subscribe request = new Subscribe();
        request.setConsumerReference(new jakarta.xml.ws.wsaddressing.W3CEndpointReferenceBuilder()
                .address(consumer(replica)).build());
        request.setFilter(failureTopic());
        try {
            String manager = PullFailureWatch.addressOf(port(NotificationProducer.class, producer(replica))
                    .subscribe(request).getSubscriptionReference());
            subscriptions[replica] = port(SubscriptionManager.class, manager);
        } catch (Exception refused) {
            // unreachable, or refusing (a replica without failover): tried again at the next renewal
        }
    }

    /** On the server's thread: a Notify from one replica. */
    private void received(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            int replica;
            try {
                replica = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
            } catch (NumberFormatException e) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Optional<FailureNotice> notice = parse(exchange.getRequestBody());
            notice.ifPresent(n -> tolerance.tookOver(replica, n.epoch()));
            exchange.sendResponseHeaders(notice.isPresent() ? 202 : 400, -1);
        }
    }

    /** The notice in a Notify, or empty if the body is too big, not XML, or holds none. */
    static Optional<FailureNotice> parse(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_NOTIFY_BYTES + 1);
        if (bytes.length > MAX_NOTIFY_BYTES) {
            return Optional.empty();
        }
        try {
            Document document = hardenedBuilder().parse(new java.io.ByteArrayInputStream(bytes));
            return FailureNotice.findIn(document);
        } catch (org.xml.sax.SAXException e) {
            return Optional.empty();
        }
    }

    private static DocumentBuilder hardenedBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultNSInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no hardened XML parser", e);
        }
    }

    @Override
    protected void release() {
        server.stop(0);
        for (SubscriptionManager subscription : subscriptions) {
            if (subscription != null) {
                try {
                    subscription.unsubscribe(new Unsubscribe());
                } catch (Exception e) {
                    // gone already; it expires at the replica anyway
                }
            }
        }
    }
}
