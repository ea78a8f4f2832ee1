package dev.gridha.container.replication.socket;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gridha.container.replication.Acknowledgement;
import dev.gridha.container.replication.StateTransfer;
import dev.gridha.container.replication.StateTransferException;
import dev.gridha.container.replication.StateUpdate;

/**
 * The primary's end of the socket transport to one backup: one TCP connection, authenticated both ways
 * with the shared secret (see {@link SessionAuthenticator}), carrying any number of concurrent updates.
 * Frames are numbered in the order they are written; a reader thread matches each acknowledgement to its
 * update. If the connection breaks or an acknowledgement does not verify, every update in flight fails:
 * the primary must then not reply on the strength of this backup.
 */
public final class SocketStateTransfer implements StateTransfer {

    private static final Logger LOG = LoggerFactory.getLogger(SocketStateTransfer.class);

    private final String peer;
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final SessionAuthenticator writing;
    private final SessionAuthenticator reading;
    private final int maxFrameBytes;
    private final Map<Long, InFlight> inFlight = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object writeLock = new Object();
    private long lastFrame;

    private record InFlight(long sequence, CompletableFuture<Acknowledgement> future) {
    }

    private SocketStateTransfer(String peer, Socket socket, DataInputStream in, DataOutputStream out,
                                SessionAuthenticator writing, SessionAuthenticator reading, int maxFrameBytes) {
        this.peer = peer;
        this.socket = socket;
        this.in = in;
        this.out = out;
        this.writing = writing;
        this.reading = reading;
        this.maxFrameBytes = maxFrameBytes;
        Thread reader = new Thread(this::readAcknowledgements, "gridha-replication-acks-" + peer);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Connects to a backup and proves both sides hold {@code secret}.
     *
     * @throws StateTransferException if the backup cannot be reached in {@code timeout} or does not prove
     *                                it holds the secret
     */
    public static SocketStateTransfer connect(InetSocketAddress backup, SharedSecret secret, Duration timeout,
                                              int maxFrameBytes) {
        String peer = backup.getHostString() + ":" + backup.getPort();
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(backup, (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            byte[] serverNonce = FrameIO.read(in, SessionAuthenticator.NONCE_BYTES);
            if (serverNonce.length != SessionAuthenticator.NONCE_BYTES) {
                throw new WireFormat.ProtocolException("server nonce of " + serverNonce.length + " bytes");
            }
            byte[] clientNonce = new byte[SessionAuthenticator.NONCE_BYTES];
            new SecureRandom().nextBytes(clientNonce);
            SessionAuthenticator writing = new SessionAuthenticator(secret, serverNonce, clientNonce);
            SessionAuthenticator reading = new SessionAuthenticator(secret, serverNonce, clientNonce);
            FrameIO.write(out, writing.seal(WireFormat.encodeClientHello(clientNonce)));
            WireFormat.expectHelloOk(reading.open(FrameIO.read(in, 1024)));
            socket.setSoTimeout(0);
            return new SocketStateTransfer(peer, socket, in, out, writing, reading, maxFrameBytes);
        } catch (AuthenticationFailedException e) {
            closeQuietly(socket);
            throw new StateTransferException("backup " + peer + " did not prove it holds the replication secret");
        } catch (WireFormat.ProtocolException e) {
            closeQuietly(socket);
            throw new StateTransferException("backup " + peer + " broke the handshake: " + e.getMessage());
        } catch (IOException e) {
            closeQuietly(socket);
            throw new StateTransferException("backup " + peer + " refused the replication handshake (wrong"
                    + " secret, or not a gridha backup): " + e, e);
        }
    }

    @Override
    public CompletableFuture<Acknowledgement> send(StateUpdate update) {
        CompletableFuture<Acknowledgement> future = new CompletableFuture<>();
        synchronized (writeLock) {
            if (closed.get()) {
                future.completeExceptionally(new StateTransferException("connection to backup " + peer + " is closed"));
                return future;
            }
            long frame = ++lastFrame;
            inFlight.put(frame, new InFlight(update.sequence(), future));
            try {
                FrameIO.write(out, writing.seal(WireFormat.encodeUpdate(frame, update)));
            } catch (IOException e) {
                fail(new StateTransferException("sending to backup " + peer + " failed: " + e, e));
            }
        }
        // A caller that gives up (orTimeout on this future) must not leave its entry behind.
        future.whenComplete((ack, error) -> {
            if (error != null) {
                inFlight.values().removeIf(entry -> entry.future() == future);
            }
        });
        return future;
    }

    private void readAcknowledgements() {
        long expectedFrame = 1;
        try {
            while (!closed.get()) {
                WireFormat.AckFrame frame = WireFormat.decodeAck(reading.open(FrameIO.read(in, maxFrameBytes)));
                if (frame.frame() != expectedFrame) {
                    throw new WireFormat.ProtocolException("acknowledgement for frame " + frame.frame() + " where "
                            + expectedFrame + " was due");
                }
                expectedFrame++;
                InFlight entry = inFlight.remove(frame.frame());
                if (entry == null) {
                    continue; // the sender gave up waiting; nothing to complete
                }
                if (entry.sequence() != frame.acknowledgement().sequence()) {
                    throw new WireFormat.ProtocolException("acknowledgement names update "
                            + frame.acknowledgement().sequence() + " for update " + entry.sequence());
                }
                entry.future().complete(frame.acknowledgement());
            }
        } catch (AuthenticationFailedException e) {
            fail(new StateTransferException("acknowledgement from " + peer + " did not verify: " + e.getMessage()));
        } catch (WireFormat.ProtocolException e) {
            fail(new StateTransferException("backup " + peer + " broke the protocol: " + e.getMessage()));
        } catch (IOException e) {
            fail(new StateTransferException("connection to backup " + peer + " lost: " + e, e));
        }
    }

    private void fail(StateTransferException cause) {
        fail(cause, true);
    }

    private void fail(StateTransferException cause, boolean unexpected) {
        if (closed.compareAndSet(false, true)) {
            if (unexpected) {
                LOG.warn("{}", cause.getMessage());
            }
            closeQuietly(socket);
        }
        inFlight.values().forEach(entry -> entry.future().completeExceptionally(cause));
        inFlight.clear();
    }

    @Override
    public String peer() {
        return peer;
    }

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public void close() {
        fail(new StateTransferException("connection to backup " + peer + " closed"), false);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
