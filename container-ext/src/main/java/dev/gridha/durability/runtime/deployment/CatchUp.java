package dev.gridha.durability.runtime.deployment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gridha.container.replication.Acknowledgement;
import dev.gridha.container.replication.BackupLog;
import dev.gridha.container.replication.PrimaryReplicator;
import dev.gridha.container.replication.RequestResults;
import dev.gridha.container.replication.StateTransfer;
import dev.gridha.durability.runtime.ActionScope;
import dev.gridha.durability.runtime.CompletedRequests;
import dev.gridha.durability.runtime.RecordedUpdate;
import dev.gridha.durability.runtime.RecordedUpdateCodec;
import dev.gridha.durability.runtime.ReplicaApplier;
import dev.gridha.durability.runtime.StateSnapshots;
import dev.gridha.durability.runtime.mapping.DurabilityDescriptor;
import dev.gridha.durability.runtime.mapping.Mechanism;

/**
 * Catch-up (the thesis leaves it out): a primary takes a joining replica in. With no action open (new
 * requests wait a moment), it takes a snapshot of every replicated state object and hands it to the
 * replicator as the joiner's first update, with the request results the primary holds, so the joiner's state
 * and the updates that follow fit exactly and, once promoted, it can answer resubmissions of requests run
 * before it joined; then it waits for the joiner to acknowledge the snapshot.
 */
final class CatchUp {

    private static final Logger FAILOVER = LoggerFactory.getLogger("dev.gridha.failover");
    /** How long taking a joiner in may hold new requests back waiting for the open ones to end. */
    private static final Duration QUIESCE = Duration.ofMillis(500);

    private final DeploymentConfig config;
    private final DurabilityDescriptor descriptor;
    private final RecordedUpdateCodec codec;
    private final ReplicaApplier replicaApplier;
    private final CompletedRequests completed;

    CatchUp(DeploymentConfig config, DurabilityDescriptor descriptor, RecordedUpdateCodec codec,
            ReplicaApplier replicaApplier, CompletedRequests completed) {
        this.config = config;
        this.descriptor = descriptor;
        this.codec = codec;
        this.replicaApplier = replicaApplier;
        this.completed = completed;
    }

    /**
     * Takes {@code replica} in as a backup of {@code replicator}.
     *
     * @param ownLog this replica's log from when it was a backup itself (its results go along), or null
     * @return whether the joiner acknowledged its snapshot (false: it asks again)
     */
    boolean admit(String replica, PrimaryReplicator replicator, ActionScope actions,
                  DurableDeployment.TransportFactory transports, BackupLog ownLog) {
        String address = config.failover().replica(replica).hostAndPort();
        if (replicator.sendsTo(address)) {
            // Taken in already (it asked again before the view listed it): its connection works, and a process
            // restarted since cannot hold it (the kernel closed the old one's socket, which the connection read
            // at once). Counting it in again costs nothing; a second snapshot would hold every request back.
            return true;
        }
        // a connection to an earlier incarnation, broken but not yet noticed by an update: that process is
        // gone, and this one must start from a snapshot
        replicator.drop(address);
        StateTransfer transfer;
        try {
            transfer = transports.connect(address);
        } catch (RuntimeException e) {
            FAILOVER.warn("{}: cannot reach joining replica {}: {}", config.failover().self(), replica, e.getMessage());
            return false;
        }
        try {
            CompletableFuture<Acknowledgement> acknowledged = actions.quiesced(QUIESCE, () -> replicator.addBackup(
                    transfer, codec.encode(snapshot()), RequestResults.encode(resultsForJoiner(ownLog))));
            Acknowledgement acknowledgement = acknowledged.get(config.acknowledgementTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
            if (!acknowledgement.isReceived()) {
                throw new IllegalStateException("it refused the snapshot: " + acknowledgement.reason());
            }
            return true;
        } catch (Exception e) {
            replicator.drop(transfer.peer());
            transfer.close();
            FAILOVER.warn("{}: joining replica {} not taken in (it will ask again): {}", config.failover().self(),
                    replica, e.getMessage());
            return false;
        }
    }

    /**
     * The results a joiner needs to answer resubmissions once it is promoted: those this replica received
     * as a backup, and those it recorded as primary (which win).
     */
    private Map<String, byte[]> resultsForJoiner(BackupLog ownLog) {
        Map<String, byte[]> results = new LinkedHashMap<>();
        if (ownLog != null) {
            results.putAll(ownLog.results());
        }
        results.putAll(completed.all());
        return results;
    }

    /** Every replicated state object's whole state: a joining backup starts from it. */
    private List<RecordedUpdate> snapshot() {
        List<RecordedUpdate> state = new ArrayList<>();
        replicaApplier.forEachObject((stateObject, key, object) -> {
            if (descriptor.stateObject(stateObject).mechanism() == Mechanism.REPLICATION) {
                state.add(new RecordedUpdate(stateObject, key, key == null ? RecordedUpdate.WHOLE_STATE
                        : RecordedUpdate.CREATED, new Object[] {StateSnapshots.serialize(object)}));
            }
        });
        return state;
    }
}
