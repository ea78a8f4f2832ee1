package dev.gridha.durability.runtime;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import dev.gridha.container.chaos.ChaosPoints;
import dev.gridha.container.replication.PrimaryReplicator;

/**
 * Commits an action of a replicated service: its recorded calls and its result go to every backup, and
 * the commit returns only when all of them hold the update ({@link PrimaryReplicator}). An action that
 * changed nothing replicates nothing. A replication failure propagates, so the action is rolled back and
 * the request answered with a fault. A chaos test can stop a primary just before the update goes out and just
 * after every backup acknowledged it ({@link ChaosPoints}; nothing unless the process is armed).
 */
public final class ReplicatingCommitter implements Consumer<Action> {

    private final PrimaryReplicator replicator;
    private final RecordedUpdateCodec codec;

    public ReplicatingCommitter(PrimaryReplicator replicator, RecordedUpdateCodec codec) {
        this.replicator = Objects.requireNonNull(replicator, "replicator");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    public void accept(Action action) {
        List<RecordedUpdate> calls = action.recordedUpdates();
        // A fault-tolerant client's request travels even when it changed only database state: its result
        // must be on the backups, so one promoted can answer the client's resubmission without re-executing.
        boolean resultMustTravel = action.changedState() && CompletedRequests.parse(action.requestId()).isPresent();
        if (!calls.isEmpty() || resultMustTravel) {
            byte[] update = codec.encode(calls);
            if (ChaosPoints.ENABLED) {
                ChaosPoints.beforeStateUpdate();
            }
            replicator.replicate(action.requestId(), action.result(), update);
            if (ChaosPoints.ENABLED) {
                ChaosPoints.beforeReply();
            }
        }
    }
}
