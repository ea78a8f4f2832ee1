package dev.gridha.launcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oasis_open.docs.wsn.b_2.FilterType;
import org.oasis_open.docs.wsn.b_2.GetMessages;
import org.oasis_open.docs.wsn.b_2.ObjectFactory;
import org.oasis_open.docs.wsn.b_2.Subscribe;
import org.oasis_open.docs.wsn.b_2.TopicExpressionType;
import org.oasis_open.docs.wsn.b_2.Unsubscribe;
import org.oasis_open.docs.wsn.bw_2.NotificationProducer;
import org.oasis_open.docs.wsn.bw_2.PullPoint;
import org.oasis_open.docs.wsn.bw_2.SubscribeCreationFailedFault;
import org.oasis_open.docs.wsn.bw_2.SubscriptionManager;
import org.oasis_open.docs.wsn.bw_2.TopicNotSupportedFault;
import org.oasis_open.docs.wsrf.rw_2.ResourceUnknownFault;

import dev.gridha.client.ClientOptions;
import dev.gridha.client.CounterClient;
import dev.gridha.client.RemoteCounter;
import dev.gridha.client.faulttolerance.FailureWatch;
import dev.gridha.client.faulttolerance.FaultTolerance;
import dev.gridha.container.replication.socket.SharedSecret;
import dev.gridha.launcher.embedded.EmbeddedGrid;
import dev.gridha.launcher.group.FreePorts;

/**
 * FAILURE notifications in the shared Tomcat: a replicated Counter pair with static failover, clients
 * watching by push and by pull, the primary's webapp undeployed. The replica that takes over tells them, and a
 * call hanging at a primary that went silent (a frozen link, as when a host dies without a reset) is sent to
 * the new primary on the notice instead of waiting for its timeout.
 */
class FailureNotificationIT {

    private static final EmbeddedGrid GRID = SharedGrid.get();
    private static int groups;

    private final String group = "fn-counter-" + ++groups;
    private final String pathA = "/fn-a" + groups;
    private final String pathB = "/fn-b" + groups;

    @AfterEach
    void undeploy() {
        for (String path : List.of(pathA, pathB)) {
            try {
                GRID.undeploy(path);
            } catch (IllegalArgumentException alreadyGone) {
                // the test took it down itself
            }
        }
    }

    private void deployPair() {
        Map<String, String> parameters = new HashMap<>(Map.of(
                "gridha.failover", "static",
                "gridha.replicas", "a=127.0.0.1:" + FreePorts.tcpAndUdp() + ",b=127.0.0.1:" + FreePorts.tcpAndUdp(),
                "gridha.group", group,
                "gridha.mapping", "counter-replicated.xml",
                "gridha.replication.secret", SharedSecret.generate().toBase64(),
                "gridha.failover.startup-grace-ms", "5000"));
        GRID.deploy(SharedGrid.counterReplica(pathB, parameters, "b"));
        GRID.deploy(SharedGrid.counterReplica(pathA, parameters, "a"));
    }

    @Test
    void pushAndPullClientsHearTheTakeOverFromTheNewPrimaryBeforeTheyCallAgain() throws Exception {
        deployPair();
        FaultTolerance pushed = FaultTolerance.across(List.of(SharedGrid.base(pathA), SharedGrid.base(pathB)));
        FaultTolerance pulled = FaultTolerance.across(List.of(SharedGrid.base(pathA), SharedGrid.base(pathB)));
        try (FailureWatch push = FailureWatch.push(pushed, new InetSocketAddress("127.0.0.1", 0));
             FailureWatch pull = FailureWatch.pull(pulled, Duration.ofMillis(50))) {
            RemoteCounter counter = new CounterClient(GRID.endpoint(pathA, "/services/counter"),
                    ClientOptions.defaults().withFaultTolerance(pushed)).create();
            counter.add(5);
            Thread.sleep(500); // both watches have subscribed or made their pull points at both replicas
            assertThat(pushed.takeOversAnnounced()).isZero();

            GRID.undeploy(pathA);

            await().atMost(Duration.ofSeconds(10)).until(() -> pushed.takeOversAnnounced() == 1
                    && pulled.takeOversAnnounced() == 1);
            assertThat(pushed.primary()).isEqualTo(SharedGrid.base(pathB));
            assertThat(pulled.primary()).isEqualTo(SharedGrid.base(pathB));
            long resubmissionsBefore = pushed.resubmissions();
            assertThat(counter.add(1)).isEqualTo(6); // straight to b: no failed attempt at a first
            assertThat(pushed.resubmissions()).isEqualTo(resubmissionsBefore);
        }
    }

    @Test
    void aCallHangingAtASilentPrimaryGoesToTheNewPrimaryOnTheNoticeAndCountsOnce() throws Exception {
        deployPair();
        try (FreezableProxy linkToA = new FreezableProxy(GRID.port())) {
            URI viaLink = URI.create("http://127.0.0.1:" + linkToA.port() + pathA);
            FaultTolerance tolerance = FaultTolerance.across(List.of(viaLink, SharedGrid.base(pathB)));
            try (FailureWatch watch = FailureWatch.push(tolerance, new InetSocketAddress("127.0.0.1", 0))) {
                RemoteCounter counter = new CounterClient(URI.create(viaLink + "/services/counter"),
                        ClientOptions.defaults().withReceiveTimeout(Duration.ofSeconds(60))
                                .withFaultTolerance(tolerance)).create();
                assertThat(counter.add(2)).isEqualTo(2);
                Thread.sleep(500); // subscribed at both replicas

                linkToA.freeze(); // a goes silent for this client: its next call hangs
                CompletableFuture<Integer> hanging = CompletableFuture.supplyAsync(() -> counter.add(3));
                Thread.sleep(300);
                assertThat(hanging).isNotDone();
                long undeployed = System.nanoTime();
                GRID.undeploy(pathA); // and dies: b takes over and announces it

                assertThat(hanging.get(15, TimeUnit.SECONDS)).isEqualTo(5);
                long tookMillis = (System.nanoTime() - undeployed) / 1_000_000;
                System.out.println("FailureNotificationIT: the call hanging at the silent primary was answered by"
                        + " the new primary " + tookMillis + " ms after the old one was undeployed");
                assertThat(tookMillis).as("answered on the notice, not after the 60 s receive timeout")
                        .isLessThan(15_000);
                assertThat(tolerance.takeOversAnnounced()).isEqualTo(1);
                assertThat(counter.value()).isEqualTo(5);
            }
        }
    }

    @Test
    void badSubscriptionsAndUnknownPullPointsAreRefusedWithWsnFaultsAndTheServiceCarriesOn() throws Exception {
        deployPair();
        String producerAddress = SharedGrid.base(pathB) + "/services/failure";
        NotificationProducer producer = port(NotificationProducer.class, producerAddress);

        Subscribe ftp = subscribe("ftp://client.example/consumer", "FAILURE");
        assertThatThrownBy(() -> producer.subscribe(ftp)).isInstanceOf(SubscribeCreationFailedFault.class)
                .hasMessageContaining("not an HTTP address");
        Subscribe otherTopic = subscribe("http://127.0.0.1:9/consumer", "STATE_UPDATE");
        assertThatThrownBy(() -> producer.subscribe(otherTopic)).isInstanceOf(TopicNotSupportedFault.class)
                .hasMessageContaining("only FAILURE");
        assertThatThrownBy(() -> port(PullPoint.class, producerAddress + "/pullpoint?id=nope")
                .getMessages(new GetMessages())).isInstanceOf(ResourceUnknownFault.class);
        assertThatThrownBy(() -> port(SubscriptionManager.class, producerAddress + "/subscription?id=nope")
                .unsubscribe(new Unsubscribe())).isInstanceOf(ResourceUnknownFault.class);

        // a good one still works, and so does the service
        assertThat(producer.subscribe(subscribe("http://127.0.0.1:9/consumer", "FAILURE"))
                .getSubscriptionReference()).isNotNull();
        RemoteCounter counter = new CounterClient(GRID.endpoint(pathA, "/services/counter"),
                ClientOptions.defaults()).create();
        assertThat(counter.add(1)).isEqualTo(1);
    }

    private static Subscribe subscribe(String consumer, String topic) {
        Subscribe request = new Subscribe();
        request.setConsumerReference(new jakarta.xml.ws.wsaddressing.W3CEndpointReferenceBuilder()
                .address(consumer).build());
        TopicExpressionType expression = new TopicExpressionType();
        expression.setDialect("http://docs.oasis-open.org/wsn/t-1/TopicExpression/Simple");
        expression.getContent().add(topic);
        FilterType filter = new FilterType();
        filter.getAny().add(new ObjectFactory().createTopicExpression(expression));
        request.setFilter(filter);
        return request;
    }

    private static <T> T port(Class<T> type, String address) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(type);
        factory.setAddress(address);
        return factory.create(type);
    }
}
