package dev.gridha.durability.runtime.deployment;

import java.util.Objects;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gridha.durability.WholeServiceState;

/**
 * Whole-service replication (thesis ch. III) for a service without a mapping: every request runs alone,
 * then the primary extracts the service's whole state and replies only when every backup holds it; a request
 * that fails is undone by injecting the state from before it. Backups inject each state they receive.
 * Configured like a mapped deployment ({@link DeploymentConfig}), over any of the three transports.
 */
public final class WholeServiceDeployment implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WholeServiceDeployment.class);
    private static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;

    private final WholeServiceState service;
    private final DeploymentConfig config;
    private final Object requests = new Object();
    private ReplicationEndpoint replication;

    private WholeServiceDeployment(WholeServiceState service, DeploymentConfig config) {
        this.service = Objects.requireNonNull(service, "service");
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Opens the replication channel the role needs, on the socket transport.
     *
     * @throws IllegalArgumentException for another transport (use the overload that says how to reach a backup)
     * @throws IllegalStateException    naming what could not be opened; nothing stays open then
     */
    public static WholeServiceDeployment start(WholeServiceState service, DeploymentConfig config) {
        if (config.transport() != DeploymentConfig.Transport.SOCKET) {
            throw new IllegalArgumentException("the " + config.transport().name().toLowerCase(java.util.Locale.ROOT)
                    + " transport needs a way to reach the backups: pass a TransportFactory");
        }
        return start(service, config, backup -> ReplicationEndpoint.socketTo(config, backup, MAX_FRAME_BYTES));
    }

    /**
     * Opens the replication channel the role needs; a primary reaches each backup through {@code transports}
     * (for the SOAP transports a backup publishes {@link #backupReceiver()} itself, as a mapped deployment's
     * servlet does).
     *
     * @throws IllegalStateException naming what could not be opened; nothing stays open then
     */
    public static WholeServiceDeployment start(WholeServiceState service, DeploymentConfig config,
                                               DurableDeployment.TransportFactory transports) {
        WholeServiceDeployment deployment = new WholeServiceDeployment(service, config);
        try {
            deployment.replication = ReplicationEndpoint.open(config, update -> service.injectState(update.payload()),
                    transports, MAX_FRAME_BYTES);
            LOG.info("whole-service deployment of group {} as {}", config.group(), config.role());
            return deployment;
        } catch (RuntimeException e) {
            deployment.close();
            throw e;
        }
    }

    /** A backup's receiving side, for a transport published outside the deployment (SOAP, WS-Notification). */
    public dev.gridha.container.replication.StateUpdateHandler backupReceiver() {
        if (replication.receiver() == null) {
            throw new IllegalStateException("only a backup receives states");
        }
        return replication.receiver();
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
                if (replication.replicator() != null) {
                    replication.replicator().replicate(requestId, new byte[0], service.extractState());
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
        return replication.port();
    }

    /** A backup: the sequence number of the last state injected, after injecting every one received. */
    public long appliedThroughSequence() {
        return replication.appliedThroughSequence();
    }

    @Override
    public void close() {
        if (replication != null) {
            replication.close();
        }
    }
}
