package dev.gridha.container.replication.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.gridha.container.replication.Acknowledgement;
import dev.gridha.container.replication.StateTransferException;
import dev.gridha.container.replication.StateUpdate;

/**
 * The socket transport over real loopback sockets: acknowledged delivery, concurrency, and every way a
 * peer can misbehave (wrong secret, forged or replayed frames, oversized frames, a backup that stalls or
 * dies). In none of the bad cases may an update reach the backup's handler or an acknowledgement reach the
 * primary.
 */
class SocketStateTransferIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final SharedSecret secret = SharedSecret.generate();
    private final List<StateUpdate> received = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    @Test
    void everyUpdateIsAcknowledgedAndHandedToTheBackupInOrder() throws Exception {
        SocketStateServer backup = backup(SocketStateServer.Config.loopback(0), update -> {
            received.add(update);
            return Acknowledgement.received(update.sequence());
        });
        SocketStateTransfer primary = connect(backup, secret);

        for (long sequence = 1; sequence <= 50; sequence++) {
            Acknowledgement ack = primary.send(update(sequence, 100)).get(5, TimeUnit.SECONDS);
            assertThat(ack).isEqualTo(Acknowledgement.received(sequence));
        }
        assertThat(received).extracting(StateUpdate::sequence).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 50).boxed().toList());
        assertThat(received.get(0)).isEqualTo(update(1, 100));
    }

    @Test
    void concurrentSendersShareOneConnection() throws Exception {
        SocketStateServer backup = backup(SocketStateServer.Config.loopback(0), update -> {
            received.add(update);
            return Acknowledgement.received(update.sequence());
        });
        SocketStateTransfer primary = connect(backup, secret);
        List<CompletableFuture<Acknowledgement>> acks = new ArrayList<>();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            Thread sender = new Thread(() -> {
                for (int i = 0; i < 25; i++) {
                    CompletableFuture<Acknowledgement> ack = primary.send(update(thread * 1000L + i, 10));
                    synchronized (acks) {
                        acks.add(ack);
                    }
                }
            });
            senders.add(sender);
            sender.start();
        }
        for (Thread sender : senders) {
            sender.join();
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(acks).allMatch(ack -> ack.join().isReceived());
        assertThat(received).hasSize(200);
    }

    @Test
    void aRejectionReachesThePrimary() throws Exception {
        SocketStateServer backup = backup(SocketStateServer.Config.loopback(0),
                update -> Acknowledgement.rejected(update.sequence(), "stale epoch"));
        Acknowledgement ack = connect(backup, secret).send(update(1, 1)).get(5, TimeUnit.SECONDS);
        assertThat(ack.isReceived()).isFalse();
        assertThat(ack.reason()).isEqualTo("stale epoch");
    }

    @Test
    void aPrimaryWithTheWrongSecretIsRefusedAndDeliversNothing() throws Exception {
        SocketStateServer backup = backup(SocketStateServer.Config.loopback(0), this::accept);
        assertThatThrownBy(() -> connect(backup, SharedSecret.generate()))
                .isInstanceOf(StateTransferException.class)
                .hasMessageContaining("replication");
        assertThat(received).isEmpty();
    }

    @Test
    void aBackupWithTheWrongSecretCannotAcknowledge() throws Exception {
        SocketStateServer impostor = new SocketStateServer(SocketStateServer.Config.loopback(0),
                SharedSecret.generate(), this::accept);
        impostor.start();
        open.add(impostor);
        assertThatThrownBy(() -> connect(impostor, secret)).isInstanceOf(StateTransferException.class);
        assertThat(received).isEmpty();
    }

    @Test
    void aForgedUpdateIsRefusedAndTheConnectionClosed() throws Exception {
        SocketStateServer backup = backup(SocketStateServer.Config.loopback(0), this::accept);
        try (RawPeer peer = RawPeer.handshake(backup.port(), secret)) {
            byte[] sealed = peer.session.seal(WireFormat.encodeUpdate(1, update(1, 10)));
            sealed[5] ^= 1; // change one byte of the body after sealing
            FrameIO.write(peer.out, sealed);
            assertThat(peer.closedByPeer()).isTrue();
        }
        assertThat(received).isEmpty();
    }

    @Test
    void aReplayedFrameIsRefused() throws Exception {
        SocketStateServer backup = backup(SocketStateServer.Config.loopback(0), this::accept);
        try (RawPeer peer = RawPeer.handshake(backup.port(), secret)) {
            byte[] frame = peer.session.seal(WireFormat.encodeUpdate(1, update(1, 10)));
            FrameIO.write(peer.out, frame);
            FrameIO.read(peer.in, 1024); // its acknowledgement
            FrameIO.write(peer.out, frame);
            assertThat(peer.closedByPeer()).isTrue();
        }
        assertThat(received).hasSize(1);
    }

    @Test
    void anOversizedFrameIsRefusedBeforeItIsRead() throws Exception {
        SocketStateServer backup = backup(new SocketStateServer.Config(
                java.net.InetAddress.getLoopbackAddress(), 0, 1024, Duration.ofSeconds(5)), this::accept);
        SocketStateTransfer primary = connect(backup, secret);
        CompletableFuture<Acknowledgement> ack = primary.send(update(1, 4096));
        assertThatThrownBy(() -> ack.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(StateTransferException.class);
        assertThat(received).isEmpty();
    }

    @Test
    void aBackupThatStallsMakesThePrimaryTimeOutNotSucceed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        SocketStateServer backup = backup(SocketStateServer.Config.loopback(0), update -> {
            awaitQuietly(release);
            return Acknowledgement.received(update.sequence());
        });
        try {
            CompletableFuture<Acknowledgement> ack = connect(backup, secret).send(update(1, 10))
                    .orTimeout(300, TimeUnit.MILLISECONDS);
            assertThatThrownBy(() -> ack.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(TimeoutException.class);
        } finally {
            release.countDown();
        }
    }

    @Test
    void aBackupThatDiesFailsEveryUpdateInFlight() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        SocketStateServer backup = backup(SocketStateServer.Config.loopback(0), update -> {
            awaitQuietly(release);
            return Acknowledgement.received(update.sequence());
        });
        SocketStateTransfer primary = connect(backup, secret);
        CompletableFuture<Acknowledgement> first = primary.send(update(1, 10));
        CompletableFuture<Acknowledgement> second = primary.send(update(2, 10));
        backup.close();
        release.countDown();
        for (CompletableFuture<Acknowledgement> ack : List.of(first, second)) {
            assertThatThrownBy(() -> ack.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(StateTransferException.class);
        }
        Awaitility.await().atMost(TIMEOUT).untilAsserted(() ->
                assertThatThrownBy(() -> primary.send(update(3, 10)).get(5, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(StateTransferException.class));
    }

    @Test
    void aBackupThatDiesIsSeenClosedWithoutSendingAnything() throws Exception {
        SocketStateServer backup = backup(SocketStateServer.Config.loopback(0),
                update -> Acknowledgement.received(update.sequence()));
        SocketStateTransfer primary = connect(backup, secret);
        assertThat(primary.isOpen()).isTrue();

        backup.close(); // as a killed process's sockets are closed by the kernel

        Awaitility.await().atMost(TIMEOUT).until(() -> !primary.isOpen());
    }

    @Test
    void anUnreachableBackupIsAClearError() {
        int port = freePortNobodyListensOn();
        assertThatThrownBy(() -> SocketStateTransfer.connect(new InetSocketAddress("127.0.0.1", port), secret,
                TIMEOUT, 1 << 20)).isInstanceOf(StateTransferException.class).hasMessageContaining("127.0.0.1:" + port);
    }

    private Acknowledgement accept(StateUpdate update) {
        received.add(update);
        return Acknowledgement.received(update.sequence());
    }

    private SocketStateServer backup(SocketStateServer.Config config,
                                     dev.gridha.container.replication.StateUpdateHandler handler) throws IOException {
        SocketStateServer server = new SocketStateServer(config, secret, handler);
        server.start();
        open.add(server);
        return server;
    }

    private SocketStateTransfer connect(SocketStateServer backup, SharedSecret key) {
        SocketStateTransfer transfer = SocketStateTransfer.connect(
                new InetSocketAddress("127.0.0.1", backup.port()), key, TIMEOUT, 1 << 20);
        open.add(transfer);
        return transfer;
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

    private static int freePortNobodyListensOn() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A primary written by hand, to send what SocketStateTransfer never would. */
    private static final class RawPeer implements AutoCloseable {
        final Socket socket;
        final DataInputStream in;
        final DataOutputStream out;
        final SessionAuthenticator session;

        private RawPeer(Socket socket, DataInputStream in, DataOutputStream out, SessionAuthenticator session) {
            this.socket = socket;
            this.in = in;
            this.out = out;
            this.session = session;
        }

        static RawPeer handshake(int port, SharedSecret secret) throws Exception {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(5000);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            byte[] serverNonce = FrameIO.read(in, 16);
            byte[] clientNonce = new byte[16];
            new java.security.SecureRandom().nextBytes(clientNonce);
            SessionAuthenticator session = new SessionAuthenticator(secret, serverNonce, clientNonce);
            FrameIO.write(out, session.seal(WireFormat.encodeClientHello(clientNonce)));
            WireFormat.expectHelloOk(session.open(FrameIO.read(in, 1024)));
            return new RawPeer(socket, in, out, session);
        }

        /** True when the backup closed the connection instead of answering. */
        boolean closedByPeer() throws IOException {
            try {
                return in.read() == -1;
            } catch (EOFException | java.net.SocketException e) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
