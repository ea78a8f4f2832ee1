package dev.gridha.container.replication.socket;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gridha.container.replication.Acknowledgement;
import dev.gridha.container.replication.StateUpdateHandler;

/**
 * The backup's end of the socket transport: accepts primaries, authenticates each connection with the
 * shared secret, and hands every verified update to the {@link StateUpdateHandler}, acknowledging it on
 * the same connection. A connection whose hello or any frame fails authentication, skips a frame number or
 * breaks the format is closed without an acknowledgement and nothing reaches the handler.
 */
public final class SocketStateServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SocketStateServer.class);

    private enum State { LATENT, STARTED, CLOSED }

    /**
     * @param bindAddress   the address to listen on (loopback in tests, the replication network in a grid)
     * @param port          the port, 0 for a free one
     * @param maxFrameBytes the largest frame accepted; bounds the memory one peer can take
     * @param helloTimeout  how long a new connection may take to prove it holds the secret
     */
    public record Config(InetAddress bindAddress, int port, int maxFrameBytes, Duration helloTimeout) {

        public static Config loopback(int port) {
            return new Config(InetAddress.getLoopbackAddress(), port, 16 * 1024 * 1024, Duration.ofSeconds(5));
        }
    }

    private final Config config;
    private final SharedSecret secret;
    private final StateUpdateHandler handler;
    private final SecureRandom random = new SecureRandom();
    private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "gridha-replication-server");
        thread.setDaemon(true);
        return thread;
    });
    private ServerSocket serverSocket;

    public SocketStateServer(Config config, SharedSecret secret, StateUpdateHandler handler) {
        this.config = Objects.requireNonNull(config, "config");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** Binds and starts accepting; returns the bound port. */
    public int start() throws IOException {
        if (!state.compareAndSet(State.LATENT, State.STARTED)) {
            throw new IllegalStateException("replication server is " + state.get());
        }
        serverSocket = new ServerSocket();
        serverSocket.bind(new InetSocketAddress(config.bindAddress(), config.port()));
        threads.execute(this::acceptLoop);
        return serverSocket.getLocalPort();
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    private void acceptLoop() {
        while (state.get() == State.STARTED) {
            try {
                Socket socket = serverSocket.accept();
                socket.setTcpNoDelay(true);
                connections.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                if (state.get() == State.STARTED) {
                    LOG.warn("replication server stopped accepting: {}", e.toString());
                }
                return;
            }
        }
    }

    private void serve(Socket socket) {
        String peer = String.valueOf(socket.getRemoteSocketAddress());
        try (socket;
             DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()))) {
            SessionAuthenticator session = handshake(socket, in, out);
            long expectedFrame = 1;
            while (state.get() == State.STARTED) {
                WireFormat.UpdateFrame frame = WireFormat.decodeUpdate(
                        session.open(FrameIO.read(in, config.maxFrameBytes())), config.maxFrameBytes());
                if (frame.frame() != expectedFrame) {
                    throw new WireFormat.ProtocolException("frame " + frame.frame() + " where " + expectedFrame
                            + " was due (replayed or reordered)");
                }
                expectedFrame++;
                Acknowledgement ack = handle(frame);
                FrameIO.write(out, session.seal(WireFormat.encodeAck(frame.frame(), ack)));
            }
        } catch (AuthenticationFailedException e) {
            LOG.warn("replication connection from {} refused: {}", peer, e.getMessage());
        } catch (WireFormat.ProtocolException e) {
            LOG.warn("replication connection from {} closed: {}", peer, e.getMessage());
        } catch (SocketException | java.io.EOFException e) {
            LOG.debug("replication connection from {} ended: {}", peer, e.toString());
        } catch (IOException e) {
            LOG.warn("replication connection from {} failed: {}", peer, e.toString());
        } finally {
            connections.remove(socket);
        }
    }

    private SessionAuthenticator handshake(Socket socket, DataInputStream in, DataOutputStream out)
            throws IOException, WireFormat.ProtocolException, AuthenticationFailedException {
        socket.setSoTimeout((int) config.helloTimeout().toMillis());
        byte[] serverNonce = new byte[SessionAuthenticator.NONCE_BYTES];
        random.nextBytes(serverNonce);
        FrameIO.write(out, serverNonce);
        byte[] hello = FrameIO.read(in, 1024);
        SessionAuthenticator session = new SessionAuthenticator(secret, serverNonce, WireFormat.clientNonceOf(hello));
        session.open(hello);
        FrameIO.write(out, session.seal(WireFormat.encodeHelloOk()));
        socket.setSoTimeout(0);
        return session;
    }

    private Acknowledgement handle(WireFormat.UpdateFrame frame) {
        try {
            Acknowledgement ack = handler.receive(frame.update());
            return ack != null ? ack
                    : Acknowledgement.rejected(frame.update().sequence(), "handler returned no acknowledgement");
        } catch (RuntimeException e) {
            LOG.error("state update {} could not be taken", frame.update(), e);
            return Acknowledgement.rejected(frame.update().sequence(), "backup failed to take the update: " + e);
        }
    }

    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) != State.STARTED) {
            return;
        }
        try {
            serverSocket.close();
        } catch (IOException e) {
            LOG.debug("closing the replication server socket", e);
        }
        for (Socket socket : connections) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("closing a replication connection", e);
            }
        }
        threads.shutdownNow();
    }
}
