package dev.gridha.container.failover;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One replica's part in {@code static} membership (the thesis's replica list with heartbeats): decides, from
 * the heartbeats it hears and the time, who is primary and when this replica must take over.
 *
 * <p>A backup watches the primary of its view. When the primary has been silent for the suspicion timeout,
 * the backup moves to the next view (the senior backup is primary, epoch + 1); if that is itself, it is
 * {@link RoleTransition#PROMOTED}, otherwise it {@link RoleTransition#FOLLOWING follows} the new primary and gives it
 * a full timeout to be heard. If the new primary stays silent too (it died as well), the same step repeats,
 * so the survivors elect the most senior live replica among themselves without exchanging a message. A
 * heartbeat from a newer epoch is adopted at once (this replica missed a failover, or the primary changed
 * the membership). A primary that hears a newer epoch has been deposed and must stop serving.
 *
 * <p>Every replica reaches the same view by the same steps only if its failure detector is accurate: this
 * mode assumes a synchronous cluster (bounded delays and pauses), as the thesis does. Under a partition or a
 * pause longer than the timeout, a backup promotes itself while the old primary still runs; the old primary
 * is fenced only once it hears the new epoch, or when its backups refuse its older-epoch updates. The
 * {@code zookeeper} mode does not have this gap.
 *
 * <p>Pure: the caller passes the time and serializes calls.
 */
public final class StaticElection {

    private final String self;
    private final FailureDetector primaryWatch;
    /** Until then a backup waits for its first primary's first heartbeat; cleared once it is heard. */
    private long graceUntilNanos;
    private final Map<String, Heartbeat> lastHeard = new HashMap<>();
    private ReplicaView view;
    private boolean excluded;
    /** Whether the current exclusion was reported (once per exclusion, so a joiner learns whom to ask). */
    private boolean exclusionReported;

    /**
     * @param self     this replica's id
     * @param view     the view it starts in (from configuration, or the one it caught up with)
     * @param timing   the group's failover timing
     * @param nowNanos the time now
     */
    public StaticElection(String self, ReplicaView view, FailoverTiming timing, long nowNanos) {
        this.self = Objects.requireNonNull(self, "self");
        this.view = Objects.requireNonNull(view, "view");
        if (!view.contains(self)) {
            throw new IllegalArgumentException(self + " is not a member of " + view);
        }
        this.primaryWatch = new FailureDetector(timing.suspicionTimeout(), nowNanos);
        this.graceUntilNanos = nowNanos + timing.startupGrace().toNanos();
    }

    /**
     * A replica that joins a running group (restarted, or new): outside every view until the primary takes
     * it in, and it elects nothing meanwhile. The first heartbeat it hears reports it {@link
     * RoleTransition#EXCLUDED}, naming the primary to ask.
     */
    public static StaticElection joining(String self, ReplicaView configured, FailoverTiming timing, long nowNanos) {
        StaticElection election = new StaticElection(self, configured, timing, nowNanos);
        election.excluded = true;
        return election;
    }

    public ReplicaView view() {
        return view;
    }

    /** Whether this replica is in its view (not excluded, not joining). */
    public boolean isMember() {
        return !excluded;
    }

    public boolean isPrimary() {
        return !excluded && view.primary().equals(self);
    }

    /**
     * Checks the primary's silence (a backup only). Call it often: every heartbeat interval at least.
     */
    public RoleTransition tick(long nowNanos) {
        if (excluded || isPrimary() || !primaryWatch.suspects(nowNanos) || nowNanos - graceUntilNanos < 0) {
            return RoleTransition.NONE;
        }
        graceUntilNanos = nowNanos;
        view = view.afterPrimaryFailure();
        primaryWatch.restart(nowNanos);
        return isPrimary() ? RoleTransition.PROMOTED : RoleTransition.FOLLOWING;
    }

    /**
     * Takes in an authenticated heartbeat. A heartbeat from an older epoch, or replayed, or from a replica
     * that is not the primary of its epoch here, changes nothing.
     */
    public RoleTransition heartbeat(Heartbeat heartbeat, long nowNanos) {
        Heartbeat previous = lastHeard.get(heartbeat.sender());
        if (previous != null && !heartbeat.isAfter(previous)) {
            return RoleTransition.NONE; // replayed or reordered
        }
        lastHeard.put(heartbeat.sender(), heartbeat);
        long epoch = heartbeat.epoch();
        if (epoch < view.epoch()) {
            return RoleTransition.NONE; // a deposed primary; the replication channel refuses its updates
        }
        if (isPrimary()) {
            if (epoch == view.epoch()) {
                return RoleTransition.NONE; // cannot happen in one epoch; never give way to a peer of equal rank
            }
            view = heartbeat.view();
            excluded = !view.contains(self);
            exclusionReported = excluded; // being deposed is the report
            return RoleTransition.DEPOSED;
        }
        boolean newer = epoch > view.epoch();
        if (!newer && !heartbeat.sender().equals(view.primary())) {
            return RoleTransition.NONE; // not this epoch's primary
        }
        primaryWatch.heard(nowNanos);
        graceUntilNanos = nowNanos; // the group is up: from now on only the timeout counts
        boolean wasExcluded = excluded;
        view = heartbeat.view();
        excluded = !view.contains(self);
        if (excluded) {
            if (wasExcluded && exclusionReported) {
                return RoleTransition.NONE;
            }
            exclusionReported = true;
            return RoleTransition.EXCLUDED;
        }
        exclusionReported = false;
        return newer || wasExcluded ? RoleTransition.FOLLOWING : RoleTransition.NONE;
    }

    /**
     * The primary removes a backup that failed (its channel broke or it stopped acknowledging); the next
     * heartbeats tell the others.
     */
    public void backupFailed(String backup) {
        requirePrimary();
        if (view.backups().contains(backup)) {
            view = view.withoutBackup(backup);
        }
    }

    /** The primary adds a backup that has caught up (as the most junior). */
    public void backupJoined(String backup) {
        requirePrimary();
        if (!view.contains(backup)) {
            view = view.withBackup(backup);
        }
    }

    private void requirePrimary() {
        if (!isPrimary()) {
            throw new IllegalStateException(self + " is not the primary of " + view);
        }
    }
}
