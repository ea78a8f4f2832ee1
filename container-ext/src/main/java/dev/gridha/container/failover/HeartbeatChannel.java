package dev.gridha.container.failover;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gridha.container.replication.socket.SharedSecret;

/**
 * Heartbeats over UDP: datagrams rather than a connection, because a heartbeat is only worth anything when
 * it is on time (a late one is better lost than delivered behind others), and because a peer that cannot be
 * reached must cost the sender nothing. Every datagram is authenticated ({@link HeartbeatCodec}); a forged,
 * foreign or malformed one is counted in {@link #refused()} and otherwise ignored.
 */
public final class HeartbeatChannel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatChannel.class);

    private final DatagramSocket socket;
    private final HeartbeatCodec sending;
    private final HeartbeatCodec receiving;
    private final Consumer<GroupMessage> listener;
    private final AtomicLong refused = new AtomicLong();
    private final Thread receiver;

    private HeartbeatChannel(DatagramSocket socket, String group, SharedSecret secret, Consumer<GroupMessage> listener) {
        this.socket = socket;
        this.sending = new HeartbeatCodec(group, secret);
        this.receiving = new HeartbeatCodec(group, secret);
        this.listener = listener;
        this.receiver = new Thread(this::receive, "gridha-heartbeats-" + group);
        this.receiver.setDaemon(true);
    }

    /**
     * Binds {@code address} (port 0 for any free port) and starts handing authentic heartbeats of
     * {@code group} to {@code listener}, on the channel's own thread.
     *
     * @throws SocketException if the address cannot be bound
     */
    public static HeartbeatChannel open(InetSocketAddress address, String group, SharedSecret secret,
                                        Consumer<GroupMessage> listener) throws SocketException {
        HeartbeatChannel channel = new HeartbeatChannel(new DatagramSocket(address), group, secret, listener);
        channel.receiver.start();
        return channel;
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Sends {@code message} to every peer; a peer that cannot be reached is skipped (it will be suspected). */
    public void send(GroupMessage message, Collection<InetSocketAddress> peers) {
        byte[] datagram;
        synchronized (sending) {
            datagram = sending.encode(message);
        }
        for (InetSocketAddress peer : peers) {
            try {
                socket.send(new DatagramPacket(datagram, datagram.length, peer));
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.debug("heartbeat to {} not sent: {}", peer, e.toString());
                }
            }
        }
    }

    /** Datagrams received that were not authentic heartbeats of this group. */
    public long refused() {
        return refused.get();
    }

    private void receive() {
        byte[] buffer = new byte[HeartbeatCodec.MAX_BYTES + 1];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
                listener.accept(receiving.decode(packet.getData(), packet.getLength()));
            } catch (HeartbeatCodec.InvalidHeartbeatException e) {
                if (refused.incrementAndGet() == 1) {
                    LOG.warn("refused a datagram from {} on the heartbeat port: {} (further ones counted, not logged)",
                            packet.getSocketAddress(), e.getMessage());
                }
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.warn("heartbeat channel failed to receive: {}", e.toString());
                }
            } catch (RuntimeException e) {
                LOG.error("heartbeat listener failed", e);
            }
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            receiver.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
