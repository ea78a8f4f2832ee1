package dev.gridha.durability.runtime.deployment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gridha.container.replication.BackupLog;
import dev.gridha.container.replication.PrimaryReplicator;
import dev.gridha.container.replication.StateTransfer;
import dev.gridha.container.replication.socket.SocketStateServer;
import dev.gridha.container.replication.socket.SocketStateTransfer;
import dev.gridha.durability.WholeServiceState;

/**
 * Whole-service replication (thesis ch. III) for a service without a mapping: every request runs alone,
 * then the primary extracts the service's whole state and replies only when every backup holds it; a request
 * that fails is undone by injecting the state from before it. Backups inject each state they receive.
 * Configured like a mapped deployment ({@link DeploymentConfig}); the socket transport carries the states.
 */
public final class WholeServiceDeployment implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WholeServiceDeployment.class);
    private static final int RESULTS_KEPT = 100_000;

    private final WholeServiceState service;
    private final DeploymentConfig config;
    private final Object requests = new Object();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private PrimaryReplicator replicator;
    private BackupReceiver receiver;
    private SocketStateServer server;

    private WholeServiceDeployment(WholeServiceState service, DeploymentConfig config) {
        this.service = Objects.requireNonNull(service, "service");
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Opens the replication channel the role needs.
     *
     * @throws IllegalArgumentException for a transport other than the socket
     * @throws IllegalStateException    naming what could not be opened; nothing stays open then
     */
    public static WholeServiceDeployment start(WholeServiceState service, DeploymentConfig config) {
        if (config.transport() != DeploymentConfig.Transport.SOCKET) {
            throw new IllegalArgumentException("whole-service replication runs over the socket transport");
        }
        WholeServiceDeployment deployment = new WholeServiceDeployment(service, config);
        try {
            deployment.open();
            return deployment;
        } catch (RuntimeException e) {
            deployment.close();
            throw e;
        }
    }

    private void open() {
        if (config.role() == Role.PRIMARY) {
            List<StateTransfer> backups = new ArrayList<>();
            for (String backup : config.backups()) {
                var address = DeploymentConfig.socketAddress(backup);
                backups.add(SocketStateTransfer.connect(new java.net.InetSocketAddress(address.getHostString(),
                        address.getPort()), config.secret(), config.acknowledgementTimeout(), 1 << 26));
            }
            replicator = new PrimaryReplicator(config.group(), System.currentTimeMillis(), backups,
                    config.acknowledgementTimeout(), 0);
            resources.add(replicator);
        } else if (config.role() == Role.BACKUP) {
            receiver = new BackupReceiver(new BackupLog(config.group(), 0,
                    update -> service.injectState(update.payload()), RESULTS_KEPT), config.group());
            resources.add(receiver);
            server = new SocketStateServer(new SocketStateServer.Config(
                    java.net.InetAddress.getLoopbackAddress(), config.replicationPort(), 1 << 26,
                    java.time.Duration.ofSeconds(5)), config.secret(), receiver);
            resources.add(server);
            try {
                server.start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot listen for whole-service states on port "
                        + config.replicationPort() + ": " + e.getMessage(), e);
            }
        }
        LOG.info("whole-service deployment of group {} as {}", config.group(), config.role());
    }

    /**
     * Runs one request: alone, undone if it fails, and (on a primary) answered only once every backup holds
     * the state it left.
     *
     * @throws NotPrimaryException on a backup
     */
    public <T> T serve(String requestId, Callable<T> request) throws Exception {
        if (config.role() == Role.BACKUP) {
            throw new NotPrimaryException("group " + config.group() + " is served by its primary; this is a backup");
        }
        synchronized (requests) {
            byte[] before = service.extractState();
            try {
                T result = request.call();
                if (replicator != null) {
                    replicator.replicate(requestId, new byte[0], service.extractState());
                }
                return result;
            } catch (Exception | Error e) {
                service.injectState(before);
                throw e;
            }
        }
    }

    public Role role() {
        return config.role();
    }

    /** A backup's port for states (useful when configured as 0). */
    public int replicationPort() {
        if (server == null) {
            throw new IllegalStateException("only a backup listens for states");
        }
        return server.port();
    }

    /** A backup: the sequence number of the last state injected, after injecting every one received. */
    public long appliedThroughSequence() {
        if (receiver == null) {
            throw new IllegalStateException("only a backup injects states");
        }
        receiver.drain();
        return receiver.log().lastApplied();
    }

    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resources.get(i), e.toString());
            }
        }
        resources.clear();
    }
}
