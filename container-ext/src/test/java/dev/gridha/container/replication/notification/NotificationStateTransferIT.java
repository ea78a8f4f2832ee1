package dev.gridha.container.replication.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.LongStream;

import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.WebServiceException;

import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.message.Message;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.oasis_open.docs.wsn.b_2.FilterType;
import org.oasis_open.docs.wsn.b_2.ObjectFactory;
import org.oasis_open.docs.wsn.b_2.Subscribe;
import org.oasis_open.docs.wsn.b_2.TopicExpressionType;
import org.oasis_open.docs.wsn.bw_2.NotificationConsumer;
import org.oasis_open.docs.wsn.bw_2.NotificationProducer;

import dev.gridha.client.ClientOptions;
import dev.gridha.container.replication.Acknowledgement;
import dev.gridha.container.replication.StateTransfer;
import dev.gridha.container.replication.StateTransferException;
import dev.gridha.container.replication.StateUpdate;
import dev.gridha.container.replication.StateUpdateHandler;
import dev.gridha.container.replication.socket.SharedSecret;
import dev.gridha.container.replication.soap.RawSoap;
import dev.gridha.container.replication.soap.ReplicationClients;
import dev.gridha.container.replication.soap.ReplicationContainer;

/**
 * The WS-Notification state transfer between real containers (embedded Tomcat, CXF servlet) on loopback:
 * backups subscribe to the primary's STATE_UPDATE topic, receive signed Notifies in order and notify signed
 * acknowledgements back; and every way a peer can misbehave (another secret, no signature, a replayed or
 * altered Notify, another topic, a backup that stalls or dies, one that unsubscribes). In none of the bad
 * cases may an update reach a backup's handler or an acknowledgement complete a send.
 */
class NotificationStateTransferIT {

    private static final String PRODUCER = "/notification";
    private static final String CONSUMER = "/updates";
    private static final String GROUP = "counter";
    private static final ClientOptions OPTIONS = ClientOptions.defaults().withReceiveTimeout(Duration.ofSeconds(10));

    private final SharedSecret secret = SharedSecret.generate();
    private final List<StateUpdate> received = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final Map<String, ReplicationContainer> backups = new HashMap<>();
    private final ReplicationContainer primary = container("primary");
    private final NotificationProducerEndpoint producer = producer(primary, secret);

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    @Test
    void everyUpdateIsAcknowledgedAndHandedToTheBackupInOrder() throws Exception {
        NotificationStateConsumer backup = backup("backup", this::accept, secret);
        StateTransfer transfer = producer.awaitSubscribers(1, Duration.ofSeconds(5)).get(0);
        assertThat(producer.transferTo(transfer.peer())).contains(transfer);
        assertThat(transfer.peer()).endsWith("/backup/services" + CONSUMER);
        assertThat(backup.subscription()).startsWith(primary.address(PRODUCER + "/subscriptions/"));

        int warmUp = 50;
        int measured = 200;
        long started = 0;
        for (long sequence = 1; sequence <= warmUp + measured; sequence++) {
            if (sequence == warmUp + 1) {
                started = System.nanoTime(); // the first sends warm up WSS4J, JAXB and the connections
            }
            Acknowledgement ack = transfer.send(update(sequence, 100)).get(5, TimeUnit.SECONDS);
            assertThat(ack).isEqualTo(Acknowledgement.received(sequence));
        }
        System.out.printf("WS-Notification state transfer: %.0f us per acknowledged 100 B update (mean of %d"
                + " after %d warm-up, sequential, loopback)%n",
                (System.nanoTime() - started) / (double) measured / 1e3, measured, warmUp);
        assertThat(received).extracting(StateUpdate::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, warmUp + measured).boxed().toList());
        assertThat(received.get(0)).isEqualTo(update(1, 100));
    }

    @Test
    void twoBackupsEachReceiveEveryUpdateInOrder() throws Exception {
        List<StateUpdate> other = new CopyOnWriteArrayList<>();
        backup("first", this::accept, secret);
        backup("second", update -> {
            other.add(update);
            return Acknowledgement.received(update.sequence());
        }, secret);
        List<StateTransfer> transfers = producer.awaitSubscribers(2, Duration.ofSeconds(5));
        assertThat(transfers).extracting(StateTransfer::peer).doesNotHaveDuplicates().hasSize(2);

        List<CompletableFuture<Acknowledgement>> acks = new ArrayList<>();
        for (long sequence = 1; sequence <= 20; sequence++) {
            for (StateTransfer transfer : transfers) {
                acks.add(transfer.send(update(sequence, 10)));
            }
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        assertThat(acks).allMatch(ack -> ack.join().isReceived());
        List<Long> expected = LongStream.rangeClosed(1, 20).boxed().toList();
        assertThat(received).extracting(StateUpdate::sequence).containsExactlyElementsOf(expected);
        assertThat(other).extracting(StateUpdate::sequence).containsExactlyElementsOf(expected);
    }

    @Test
    void aRejectionReachesThePrimary() throws Exception {
        backup("backup", update -> Acknowledgement.rejected(update.sequence(), "stale epoch"), secret);
        StateTransfer transfer = producer.awaitSubscribers(1, Duration.ofSeconds(5)).get(0);
        Acknowledgement ack = transfer.send(update(1, 1)).get(5, TimeUnit.SECONDS);
        assertThat(ack.isReceived()).isFalse();
        assertThat(ack.reason()).isEqualTo("stale epoch");
        assertThat(transfer.send(update(2, 1)).get(5, TimeUnit.SECONDS).reason()).isEqualTo("stale epoch");
    }

    @Test
    void aBackupWithAnotherSecretCannotSubscribe() {
        assertThatThrownBy(() -> backup("impostor", this::accept, SharedSecret.generate()))
                .isInstanceOf(StateTransferException.class).hasMessageContaining(primary.address(PRODUCER));
        assertThat(producer.transfers()).isEmpty();
    }

    @Test
    void aPrimaryWithAnotherSecretCannotNotifyTheBackup() {
        NotificationStateConsumer backup = backup("backup", this::accept, secret);
        NotificationConsumer impostor = NotificationPorts.consumer(primary.bus(), consumerOf("backup"),
                SharedSecret.generate(), OPTIONS);
        try {
            assertThatThrownBy(() -> impostor.notify(NotificationMessages.stateUpdate(update(1, 10),
                    backup.subscription()))).isInstanceOf(WebServiceException.class);
        } finally {
            ReplicationClients.destroy(impostor);
        }
        assertThat(received).isEmpty();
    }

    @Test
    void anAcknowledgementWithAnotherSecretCompletesNothing() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        NotificationStateConsumer backup = backup("backup", update -> {
            awaitQuietly(release);
            return accept(update);
        }, secret);
        StateTransfer transfer = producer.awaitSubscribers(1, Duration.ofSeconds(5)).get(0);
        CompletableFuture<Acknowledgement> ack = transfer.send(update(1, 10));

        NotificationConsumer forger = NotificationPorts.consumer(primary.bus(),
                primary.address(PRODUCER + "/acknowledgements"), SharedSecret.generate(), OPTIONS);
        try {
            assertThatThrownBy(() -> forger.notify(NotificationMessages.acknowledgement(
                    Acknowledgement.received(1), backup.subscription())))
                    .isInstanceOf(WebServiceException.class);
        } finally {
            ReplicationClients.destroy(forger);
            release.countDown();
        }
        assertThat(ack.get(5, TimeUnit.SECONDS)).isEqualTo(Acknowledgement.received(1));
    }

    @Test
    void anUnsignedNotifyIsRefusedWithAFault() {
        NotificationStateConsumer backup = backup("backup", this::accept, secret);
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setBus(primary.bus());
        factory.setAddress(consumerOf("backup"));
        NotificationConsumer unsigned = factory.create(NotificationConsumer.class);
        ((BindingProvider) unsigned).getRequestContext().put(Message.ROBUST_ONEWAY, Boolean.TRUE);

        assertThatThrownBy(() -> unsigned.notify(NotificationMessages.stateUpdate(update(1, 10),
                backup.subscription()))).isInstanceOf(WebServiceException.class);
        assertThat(received).isEmpty();
    }

    @Test
    void aReplayedNotifyIsRefusedWithAFault() {
        NotificationStateConsumer backup = backup("backup", this::accept, secret);
        String signed = signedNotify(update(1, 10), backup.subscription());

        // the update reaches the handler; its acknowledgement is refused, as the primary never sent it
        HttpResponse<String> first = RawSoap.post(consumerOf("backup"), signed, "");
        assertThat(first.body()).contains("acknowledgement of update 1 was not accepted");
        HttpResponse<String> replay = RawSoap.post(consumerOf("backup"), signed, "");

        assertThat(replay.statusCode()).isEqualTo(500);
        assertThat(replay.body()).contains("Fault").doesNotContain("acknowledgement of update");
        assertThat(received).containsExactly(update(1, 10));
    }

    @Test
    void aTamperedPayloadIsRefusedWithAFault() {
        NotificationStateConsumer backup = backup("backup", this::accept, secret);
        String signed = signedNotify(update(1, 12), backup.subscription());
        String tampered = signed.replace("AAAAAAAAAAAAAAAA", "AQAAAAAAAAAAAAAA"); // 12 zero bytes -> one is 1
        assertThat(tampered).isNotEqualTo(signed);

        HttpResponse<String> response = RawSoap.post(consumerOf("backup"), tampered, "");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("Fault");
        assertThat(received).isEmpty();
    }

    /**
     * Checked on the wire: the client's coverage check refuses the unsigned fault before CXF would map it to
     * the declared WS-Notification fault, so the client only sees that the answer was not signed.
     */
    @Test
    void aSubscriptionToAnotherTopicOrDialectIsRefused() {
        String otherTopic = signed(address -> ReplicationClients.create(primary.bus(), NotificationProducer.class,
                address, secret, OPTIONS), port -> port.subscribe(subscribe(Topics.expression("JOB_COMPLETED"))));
        HttpResponse<String> refused = RawSoap.post(primary.address(PRODUCER), otherTopic, "");
        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(refused.body()).contains("TopicNotSupportedFault", "JOB_COMPLETED");

        TopicExpressionType full = Topics.expression(Topics.STATE_UPDATE);
        full.setDialect("http://docs.oasis-open.org/wsn/t-1/TopicExpression/Full");
        String otherDialect = signed(address -> ReplicationClients.create(primary.bus(), NotificationProducer.class,
                address, secret, OPTIONS), port -> port.subscribe(subscribe(full)));
        refused = RawSoap.post(primary.address(PRODUCER), otherDialect, "");
        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(refused.body()).contains("TopicExpressionDialectUnknownFault");

        assertThat(producer.transfers()).isEmpty();
    }

    @Test
    void aNotifyOnAnotherTopicIsRefused() {
        NotificationStateConsumer backup = backup("backup", this::accept, secret);
        String acknowledgement = signed(address -> NotificationPorts.consumer(primary.bus(), address, secret, OPTIONS),
                port -> port.notify(NotificationMessages.acknowledgement(Acknowledgement.received(1),
                        backup.subscription())));

        HttpResponse<String> refused = RawSoap.post(consumerOf("backup"), acknowledgement, "");

        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(refused.body()).contains("STATE_UPDATE was expected");
        assertThat(received).isEmpty();
    }

    @Test
    void aBackupThatStallsMakesThePrimaryTimeOutNotSucceed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        backup("backup", update -> {
            awaitQuietly(release);
            return accept(update);
        }, secret);
        try {
            StateTransfer transfer = producer.awaitSubscribers(1, Duration.ofSeconds(5)).get(0);
            CompletableFuture<Acknowledgement> ack = transfer.send(update(1, 10))
                    .orTimeout(300, TimeUnit.MILLISECONDS);
            assertThatThrownBy(() -> ack.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(TimeoutException.class);
        } finally {
            release.countDown();
        }
    }

    @Test
    void aBackupThatDiesFailsEveryUpdateInFlightAndEndsItsSubscription() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch handling = new CountDownLatch(1);
        ReplicationContainer dying = container("dying");
        NotificationStateConsumer.subscribe(dying.bus(), CONSUMER, dying.address(CONSUMER),
                primary.address(PRODUCER), update -> {
                    handling.countDown();
                    awaitQuietly(release);
                    return accept(update);
                }, secret, OPTIONS);
        StateTransfer transfer = producer.awaitSubscribers(1, Duration.ofSeconds(5)).get(0);
        CompletableFuture<Acknowledgement> first = transfer.send(update(1, 10));
        CompletableFuture<Acknowledgement> second = transfer.send(update(2, 10));
        assertThat(handling.await(5, TimeUnit.SECONDS)).isTrue();

        dying.close();
        release.countDown();

        for (CompletableFuture<Acknowledgement> ack : List.of(first, second)) {
            assertThatThrownBy(() -> ack.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(StateTransferException.class);
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> producer.transfers().isEmpty());
        assertThatThrownBy(() -> transfer.send(update(3, 10)).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(StateTransferException.class);
    }

    @Test
    void unsubscribingStopsDeliveries() throws Exception {
        NotificationStateConsumer backup = backup("backup", this::accept, secret);
        StateTransfer transfer = producer.awaitSubscribers(1, Duration.ofSeconds(5)).get(0);
        assertThat(transfer.send(update(1, 10)).get(5, TimeUnit.SECONDS).isReceived()).isTrue();

        backup.close();

        assertThat(producer.transfers()).isEmpty();
        assertThat(producer.transferTo(consumerOf("backup"))).isEmpty();
        assertThatThrownBy(() -> transfer.send(update(2, 10)).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(StateTransferException.class);
        assertThat(received).containsExactly(update(1, 10));
    }

    /** A Notify signed with the group's secret, as NotificationStateTransfer writes it, but never delivered. */
    private String signedNotify(StateUpdate update, String subscription) {
        return signed(address -> NotificationPorts.consumer(primary.bus(), address, secret, OPTIONS),
                port -> port.notify(NotificationMessages.stateUpdate(update, subscription)));
    }

    /** The signed request that {@code call} makes on a port {@code client} creates, recorded, never delivered. */
    private static <T> String signed(Function<String, T> client, ThrowingConsumer<T> call) {
        try (RawSoap sink = RawSoap.sink()) {
            T port = client.apply(sink.address());
            try {
                call.accept(port);
            } catch (Throwable expected) {
                // the sink answers 500: the request was only to be recorded
            } finally {
                ReplicationClients.destroy(port);
            }
            assertThat(sink.captured()).hasSize(1);
            return sink.captured().get(0);
        }
    }

    private static Subscribe subscribe(TopicExpressionType topic) {
        FilterType filter = new FilterType();
        filter.getAny().add(new ObjectFactory().createTopicExpression(topic));
        Subscribe request = new Subscribe();
        request.setConsumerReference(NotificationMessages.reference("http://127.0.0.1:9/nobody"));
        request.setFilter(filter);
        return request;
    }

    private Acknowledgement accept(StateUpdate update) {
        received.add(update);
        return Acknowledgement.received(update.sequence());
    }

    private NotificationStateConsumer backup(String name, StateUpdateHandler handler, SharedSecret key) {
        ReplicationContainer backup = container(name);
        backups.put(name, backup);
        NotificationStateConsumer consumer = NotificationStateConsumer.subscribe(backup.bus(), CONSUMER,
                backup.address(CONSUMER), primary.address(PRODUCER), handler, key, OPTIONS);
        open.add(0, consumer);
        return consumer;
    }

    /** The consumer address of the backup container called {@code name}. */
    private String consumerOf(String name) {
        return backups.get(name).address(CONSUMER);
    }

    private NotificationProducerEndpoint producer(ReplicationContainer container, SharedSecret key) {
        NotificationProducerEndpoint endpoint = NotificationProducerEndpoint.publish(container.bus(), PRODUCER, GROUP,
                key, OPTIONS);
        open.add(0, endpoint);
        return endpoint;
    }

    private ReplicationContainer container(String name) {
        ReplicationContainer container = ReplicationContainer.start(name);
        open.add(container);
        return container;
    }

    private static StateUpdate update(long sequence, int payloadBytes) {
        return new StateUpdate(GROUP, 1, sequence, "client:" + sequence, new byte[] {1}, new byte[payloadBytes]);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
