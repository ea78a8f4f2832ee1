package dev.gridha.durability.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A link between two replicas that a test can cut: forwards TCP (state updates) and UDP (heartbeats)
 * arriving at one loopback port to a target port, until {@link #cut()}, after which nothing passes and
 * open connections are reset, as when a network partitions. {@link #loseWhatOpenConnectionsCarry()} loses
 * the bytes of the connections open so far instead, as when what a dying host sent never arrives.
 */
public final class PartitionProxy implements AutoCloseable {

    private final int target;
    private final ServerSocket tcp;
    private final DatagramSocket udp;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean cut;
    private final java.util.concurrent.atomic.AtomicLong connections = new java.util.concurrent.atomic.AtomicLong();
    /** Connections numbered below this lose what they carry. */
    private volatile long losingBelow;

    public PartitionProxy(int port, int target) throws IOException {
        this.target = target;
        this.tcp = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        this.udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        daemon(this::acceptLoop, "partition-tcp-" + port);
        daemon(this::datagramLoop, "partition-udp-" + port);
    }

    /** From now on nothing passes. */
    public void cut() {
        cut = true;
        close();
    }

    /** From now on the TCP connections open so far deliver nothing (their bytes are read and lost). */
    public void loseWhatOpenConnectionsCarry() {
        losingBelow = connections.get();
    }

    private void acceptLoop() {
        while (!cut) {
            try {
                Socket in = tcp.accept();
                Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
                open.add(in);
                open.add(out);
                long number = connections.getAndIncrement();
                daemon(() -> pump(in, out, number), "partition-pump");
                daemon(() -> pump(out, in, number), "partition-pump");
            } catch (IOException e) {
                return; // cut or closed
            }
        }
    }

    private void pump(Socket from, Socket to, long connection) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while (!cut && (read = in.read(buffer)) > 0) {
                if (connection >= losingBelow) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
        } catch (IOException ended) {
            // one side closed, or the link was cut
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void datagramLoop() {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!cut) {
            try {
                packet.setLength(buffer.length);
                udp.receive(packet);
                if (!cut) {
                    udp.send(new DatagramPacket(buffer, packet.getLength(), InetAddress.getLoopbackAddress(), target));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(tcp);
        udp.close();
        open.forEach(PartitionProxy::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }

    private static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** A loopback port free for TCP (state updates) and UDP (heartbeats) alike, as a replica or a proxy binds. */
    public static int freeTcpAndUdpPort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket probeTcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                 DatagramSocket probeUdp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                         probeTcp.getLocalPort()))) {
                return probeTcp.getLocalPort();
            } catch (java.net.BindException e) {
                // the UDP port was taken: try another
            }
        }
        throw new IOException("no port free for both TCP and UDP");
    }
}
