package dev.gridha.durability.runtime.deployment;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.gridha.container.replication.BackupLog;
import dev.gridha.container.replication.PrimaryReplicator;
import dev.gridha.container.replication.StateApplier;
import dev.gridha.container.replication.StateTransfer;
import dev.gridha.container.replication.socket.SocketStateServer;
import dev.gridha.container.replication.socket.SocketStateTransfer;

/**
 * The replication half of a deployment, whatever it replicates (mapped state objects or a whole service): a
 * primary's replicator with one channel per backup, or a backup's receiver and, for the socket transport,
 * its listening server. A standalone deployment has neither.
 */
final class ReplicationEndpoint implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReplicationEndpoint.class);
    private static final int RESULTS_KEPT = 100_000;

    private final OpenResources resources = new OpenResources();
    private volatile PrimaryReplicator replicator;
    private BackupReceiver receiver;
    private SocketStateServer server;

    private final Duration acknowledgementTimeout;

    private ReplicationEndpoint(Duration acknowledgementTimeout) {
        this.acknowledgementTimeout = acknowledgementTimeout;
    }

    /**
     * @param applier       how a backup applies an update
     * @param transports    how a primary reaches a backup named in {@code gridha.backups}
     * @param maxFrameBytes the largest update the socket transport carries
     * @throws IllegalStateException naming what could not be opened; nothing stays open then
     */
    static ReplicationEndpoint open(DeploymentConfig config, StateApplier applier,
                                    DurableDeployment.TransportFactory transports, int maxFrameBytes) {
        ReplicationEndpoint endpoint = new ReplicationEndpoint(config.acknowledgementTimeout());
        try {
            endpoint.openFor(config, applier, transports, maxFrameBytes);
            return endpoint;
        } catch (RuntimeException e) {
            endpoint.close();
            throw e;
        }
    }

    /** The socket transport's channel to {@code backup} ({@code host:port}). */
    static StateTransfer socketTo(DeploymentConfig config, String backup, int maxFrameBytes) {
        InetSocketAddress address = DeploymentConfig.socketAddress(backup);
        return SocketStateTransfer.connect(new InetSocketAddress(address.getHostString(), address.getPort()),
                config.secret(), config.acknowledgementTimeout(), maxFrameBytes);
    }

    private void openFor(DeploymentConfig config, StateApplier applier, DurableDeployment.TransportFactory transports,
                         int maxFrameBytes) {
        if (config.role() == Role.PRIMARY) {
            List<StateTransfer> backups = new ArrayList<>();
            for (String backup : config.backups()) {
                if (config.failover().enabled()) {
                    connectTolerantly(transports, backup).ifPresent(backups::add);
                } else {
                    backups.add(transports.connect(backup));
                }
            }
            // Without failover each start of a primary is a new epoch, so a backup can tell a restarted primary
            // from a reconnect (it refuses one that does not continue its sequence). With failover the epoch
            // is the view's: a restarted first replica starts in epoch 1 again, and backups that moved on
            // refuse it until it hears the current epoch and stands down.
            long epoch = config.failover().enabled() ? config.failover().initialView().epoch()
                    : System.currentTimeMillis();
            replicator = new PrimaryReplicator(config.group(), epoch, backups, config.acknowledgementTimeout(), 0);
            resources.add(replicator);
        } else if (config.role() == Role.BACKUP) {
            receiver = new BackupReceiver(new BackupLog(config.group(), 0, applier, RESULTS_KEPT), config.group());
            resources.add(receiver);
            if (config.transport() == DeploymentConfig.Transport.SOCKET) {
                server = new SocketStateServer(new SocketStateServer.Config(listenAddress(config),
                        config.replicationPort(), maxFrameBytes, Duration.ofSeconds(5)), config.secret(), receiver);
                resources.add(server);
                try {
                    server.start();
                } catch (IOException e) {
                    throw new IllegalStateException("cannot listen for state updates on port "
                            + config.replicationPort() + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** Where a backup listens: its own host from the replica list with failover, else loopback. */
    private static InetAddress listenAddress(DeploymentConfig config) {
        if (!config.failover().enabled()) {
            return InetAddress.getLoopbackAddress();
        }
        String host = config.failover().selfReplica().host();
        try {
            return InetAddress.getByName(host);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("replica host " + host + " does not resolve", e);
        }
    }

    /** A backup that cannot be reached when a failover group's primary starts is left out, not fatal. */
    private static java.util.Optional<StateTransfer> connectTolerantly(DurableDeployment.TransportFactory transports,
                                                                      String backup) {
        try {
            return java.util.Optional.of(transports.connect(backup));
        } catch (RuntimeException e) {
            LOG.warn("backup {} not reached, left out of the group: {}", backup, e.getMessage());
            return java.util.Optional.empty();
        }
    }

    /**
     * Failover: this backup becomes the primary of {@code epoch}. Fences its log so the deposed primary's late
     * updates are refused, applies every update it holds (the thesis's drain), and continues the sequence where
     * it stopped, replicating to {@code backups}.
     *
     * @return the new replicator
     */
    PrimaryReplicator promote(long epoch, List<StateTransfer> backups) {
        if (receiver == null || replicator != null) {
            throw new IllegalStateException("only a backup can be promoted");
        }
        // fenced first: an update of the old primary received after the drain would be acknowledged (so perhaps
        // replied to) and applied after this replica had started its own sequence at the same number
        receiver.log().fence(epoch);
        receiver.drain();
        List<Long> unapplied = receiver.log().heldBehindGap();
        if (!unapplied.isEmpty()) {
            // behind a gap, so never acknowledged to a client by the old primary (it waits for every backup)
            LOG.warn("promoted with updates {} held behind a gap after {}: they are dropped", unapplied,
                    receiver.log().lastApplied());
        }
        replicator = new PrimaryReplicator(receiver.log().group(), epoch, backups, acknowledgementTimeout,
                receiver.log().lastApplied());
        resources.add(replicator);
        return replicator;
    }

    /** The primary's replicator; {@code null} for other roles. */
    PrimaryReplicator replicator() {
        return replicator;
    }

    /** The backup's receiving side; {@code null} for other roles. */
    BackupReceiver receiver() {
        return receiver;
    }

    /** The socket port a backup receives on. */
    int port() {
        if (server == null) {
            throw new IllegalStateException("only a backup on the socket transport listens for state updates");
        }
        return server.port();
    }

    /** Primary: the last update sent; backup: the last applied; standalone: 0. */
    long sequence() {
        return replicator != null ? replicator.lastSequence() : receiver != null ? receiver.log().lastApplied() : 0;
    }

    /** A backup: the last sequence applied after applying every update received. */
    long appliedThroughSequence() {
        if (receiver == null) {
            throw new IllegalStateException("only a backup applies state updates");
        }
        receiver.drain();
        return receiver.log().lastApplied();
    }

    int pending() {
        return receiver == null ? 0 : receiver.log().pending();
    }

    @Override
    public void close() {
        resources.close();
    }
}
