package dev.gridha.container.replication.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.LongStream;

import jakarta.xml.ws.soap.SOAPFaultException;

import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.gridha.client.ClientOptions;
import dev.gridha.container.replication.Acknowledgement;
import dev.gridha.container.replication.StateTransferException;
import dev.gridha.container.replication.StateUpdate;
import dev.gridha.container.replication.StateUpdateHandler;
import dev.gridha.container.replication.socket.SharedSecret;
import dev.gridha.contracts.replication.ReplicationPortType;

/**
 * The SOAP state transfer between two real containers (embedded Tomcat, CXF servlet) on loopback: signed,
 * acknowledged, in-order delivery, and every way a peer can misbehave (another secret, no signature, a
 * replayed or altered request, a backup that stalls or dies). In none of the bad cases may an update reach
 * the backup's handler or an acknowledgement reach the primary.
 */
class SoapStateTransferIT {

    private static final String PATH = "/replication";
    private static final String ACTION = "http://gridha.dev/replication/TransferState";

    private final SharedSecret secret = SharedSecret.generate();
    private final List<StateUpdate> received = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final ReplicationContainer primary = container("primary");

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    @Test
    void everyUpdateIsAcknowledgedAndHandedToTheBackupInOrder() throws Exception {
        SoapStateTransfer transfer = transferTo(backup(this::accept), secret);

        long started = 0;
        for (long sequence = 1; sequence <= 50; sequence++) {
            if (sequence == 11) {
                started = System.nanoTime(); // the first calls warm up WSS4J and the connection
            }
            Acknowledgement ack = transfer.send(update(sequence, 100)).get(5, TimeUnit.SECONDS);
            assertThat(ack).isEqualTo(Acknowledgement.received(sequence));
        }
        System.out.printf("SOAP state transfer: %.2f ms per acknowledged 100 B update (sequential, loopback)%n",
                (System.nanoTime() - started) / 40 / 1e6);
        assertThat(received).extracting(StateUpdate::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 50).boxed().toList());
        assertThat(received.get(0)).isEqualTo(update(1, 100));
    }

    @Test
    void concurrentSendersAreDeliveredInTheOrderTheySent() throws Exception {
        SoapStateTransfer transfer = transferTo(backup(this::accept), secret);
        List<CompletableFuture<Acknowledgement>> acks = new ArrayList<>();
        List<Long> sent = new ArrayList<>();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            Thread sender = new Thread(() -> {
                for (int i = 0; i < 10; i++) {
                    synchronized (acks) { // the primary's order: sequence numbers assigned under its lock
                        long sequence = thread * 1000L + i;
                        sent.add(sequence);
                        acks.add(transfer.send(update(sequence, 10)));
                    }
                }
            });
            senders.add(sender);
            sender.start();
        }
        for (Thread sender : senders) {
            sender.join();
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        assertThat(acks).allMatch(ack -> ack.join().isReceived());
        assertThat(received).extracting(StateUpdate::sequence).containsExactlyElementsOf(sent);
    }

    @Test
    void aRejectionReachesThePrimary() throws Exception {
        String backup = backup(update -> Acknowledgement.rejected(update.sequence(), "stale epoch"));
        Acknowledgement ack = transferTo(backup, secret).send(update(1, 1)).get(5, TimeUnit.SECONDS);
        assertThat(ack.isReceived()).isFalse();
        assertThat(ack.reason()).isEqualTo("stale epoch");
    }

    @Test
    void aPrimaryWithAnotherSecretIsRefusedAndDeliversNothing() {
        SoapStateTransfer transfer = transferTo(backup(this::accept), SharedSecret.generate());
        assertThatThrownBy(() -> transfer.send(update(1, 10)).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(StateTransferException.class)
                // the backup's own reason reaches the primary, not a complaint about its unsigned fault
                .satisfies(e -> assertThat(e.getCause().getMessage()).doesNotContain("not both signed"));
        assertThat(received).isEmpty();
    }

    @Test
    void aBackupWithAnotherSecretCannotAcknowledge() {
        ReplicationContainer impostor = container("impostor");
        open.add(SoapStateEndpoint.publish(impostor.bus(), PATH, this::accept, SharedSecret.generate())::destroy);
        SoapStateTransfer transfer = transferTo(impostor.address(PATH), secret);
        assertThatThrownBy(() -> transfer.send(update(1, 10)).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(StateTransferException.class);
        assertThat(received).isEmpty();
    }

    @Test
    void anUnsignedRequestIsRefusedWithAFault() {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setBus(primary.bus());
        factory.setAddress(backup(this::accept));
        ReplicationPortType unsigned = factory.create(ReplicationPortType.class);
        assertThatThrownBy(() -> unsigned.transferState(ReplicationMessages.toXml(update(1, 10))))
                .isInstanceOf(SOAPFaultException.class);
        assertThat(received).isEmpty();
    }

    @Test
    void aReplayedRequestIsRefusedWithAFault() {
        String backup = backup(this::accept);
        String signed = signedRequest(update(1, 10));

        assertThat(RawSoap.post(backup, signed, ACTION).statusCode()).isEqualTo(200);
        HttpResponse<String> replay = RawSoap.post(backup, signed, ACTION);

        assertThat(replay.statusCode()).isEqualTo(500);
        assertThat(replay.body()).contains("Fault");
        assertThat(received).containsExactly(update(1, 10));
    }

    @Test
    void aTamperedPayloadIsRefusedWithAFault() {
        String backup = backup(this::accept);
        String signed = signedRequest(update(1, 12));
        String tampered = signed.replace("AAAAAAAAAAAAAAAA", "AQAAAAAAAAAAAAAA"); // 12 zero bytes -> one is 1
        assertThat(tampered).isNotEqualTo(signed);

        HttpResponse<String> response = RawSoap.post(backup, tampered, ACTION);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("Fault");
        assertThat(received).isEmpty();
    }

    @Test
    void aBackupThatStallsMakesThePrimaryTimeOutNotSucceed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        String backup = backup(update -> {
            awaitQuietly(release);
            return accept(update);
        });
        try {
            CompletableFuture<Acknowledgement> ack = transferTo(backup, secret).send(update(1, 10))
                    .orTimeout(300, TimeUnit.MILLISECONDS);
            assertThatThrownBy(() -> ack.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(TimeoutException.class);
        } finally {
            release.countDown();
        }
    }

    @Test
    void aBackupThatDiesFailsEveryUpdateInFlight() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch handling = new CountDownLatch(1);
        ReplicationContainer backup = container("dying");
        SoapStateEndpoint.publish(backup.bus(), PATH, update -> {
            handling.countDown();
            awaitQuietly(release);
            return accept(update);
        }, secret);
        SoapStateTransfer transfer = transferTo(backup.address(PATH), secret);
        CompletableFuture<Acknowledgement> first = transfer.send(update(1, 10));
        CompletableFuture<Acknowledgement> second = transfer.send(update(2, 10));
        assertThat(handling.await(5, TimeUnit.SECONDS)).isTrue();

        backup.close();
        release.countDown();

        for (CompletableFuture<Acknowledgement> ack : List.of(first, second)) {
            assertThatThrownBy(() -> ack.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(StateTransferException.class);
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThatThrownBy(() -> transfer.send(update(3, 10)).get(5, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(StateTransferException.class));
    }

    @Test
    void anUnreachableBackupIsAClearError() {
        ReplicationContainer gone = container("gone");
        String address = gone.address(PATH);
        gone.close();
        assertThatThrownBy(() -> transferTo(address, secret).send(update(1, 10)).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(StateTransferException.class)
                .hasMessageContaining(address);
    }

    /** A request signed with the group's secret, as SoapStateTransfer writes it, but never delivered. */
    private String signedRequest(StateUpdate update) {
        try (RawSoap sink = RawSoap.sink()) {
            ReplicationPortType port = ReplicationClients.create(primary.bus(), ReplicationPortType.class,
                    sink.address(), secret, ClientOptions.defaults());
            try {
                port.transferState(ReplicationMessages.toXml(update));
            } catch (RuntimeException expected) {
                // the sink answers 500: the request was only to be recorded
            } finally {
                ReplicationClients.destroy(port);
            }
            assertThat(sink.captured()).hasSize(1);
            return sink.captured().get(0);
        }
    }

    private Acknowledgement accept(StateUpdate update) {
        received.add(update);
        return Acknowledgement.received(update.sequence());
    }

    private String backup(StateUpdateHandler handler) {
        ReplicationContainer backup = container("backup");
        SoapStateEndpoint.publish(backup.bus(), PATH, handler, secret);
        return backup.address(PATH);
    }

    private SoapStateTransfer transferTo(String address, SharedSecret key) {
        SoapStateTransfer transfer = SoapStateTransfer.to(primary.bus(), address, key,
                ClientOptions.defaults().withReceiveTimeout(Duration.ofSeconds(10)));
        open.add(0, transfer);
        return transfer;
    }

    private ReplicationContainer container(String name) {
        ReplicationContainer container = ReplicationContainer.start(name);
        open.add(container);
        return container;
    }

    private static StateUpdate update(long sequence, int payloadBytes) {
        return new StateUpdate("counter", 1, sequence, "client:" + sequence, new byte[] {1},
                new byte[payloadBytes]);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
