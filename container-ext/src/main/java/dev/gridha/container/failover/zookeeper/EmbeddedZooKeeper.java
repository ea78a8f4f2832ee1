package dev.gridha.container.failover.zookeeper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/**
 * A real, single-node ZooKeeper server in this JVM, on loopback: the embedded default for {@code zookeeper}
 * membership (the launcher runs it beside the replicas it starts, tests beside theirs). Production groups
 * point {@code gridha.zookeeper.connect} at an ensemble instead: one server is one point of failure.
 *
 * <p>Its tick is {@value #TICK_MILLIS} ms, so sessions may time out after 2-20 ticks (200 ms - 2 s).
 */
public final class EmbeddedZooKeeper implements AutoCloseable {

    public static final int TICK_MILLIS = 100;
    private static final int MAX_CLIENTS = 200;

    private final ServerCnxnFactory connections;
    private final ZooKeeperServer server;

    private EmbeddedZooKeeper(ServerCnxnFactory connections, ZooKeeperServer server) {
        this.connections = connections;
        this.server = server;
    }

    /**
     * Starts a server keeping its snapshots and log in {@code dataDirectory}.
     *
     * @param port the client port on loopback; 0 picks a free one
     */
    public static EmbeddedZooKeeper start(Path dataDirectory, int port) throws IOException {
        Files.createDirectories(dataDirectory);
        ZooKeeperServer server = new ZooKeeperServer(dataDirectory.toFile(), dataDirectory.toFile(), TICK_MILLIS);
        ServerCnxnFactory connections = ServerCnxnFactory.createFactory(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port), MAX_CLIENTS);
        try {
            connections.startup(server);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connections.shutdown();
            throw new IOException("interrupted while starting ZooKeeper", e);
        }
        return new EmbeddedZooKeeper(connections, server);
    }

    public int port() {
        return connections.getLocalPort();
    }

    /** The connect string replicas use. */
    public String connectString() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + port();
    }

    /** Settings for replicas of this server, with {@code sessionTimeout}. */
    public ZooKeeperSettings settings(Duration sessionTimeout) {
        return new ZooKeeperSettings(connectString(), sessionTimeout);
    }

    @Override
    public void close() {
        connections.shutdown();
        server.shutdown();
    }
}
