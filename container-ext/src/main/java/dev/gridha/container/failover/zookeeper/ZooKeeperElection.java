package dev.gridha.container.failover.zookeeper;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.gridha.container.failover.RoleTransition;

/**
 * One replica's part in {@code zookeeper} membership: from the view recorded in ZooKeeper and the set of live
 * sessions (ZooKeeper's failure detector: a process's session expires when it stops pinging), decides this
 * replica's role and the one change of the recorded view it should attempt, if any. The caller writes that
 * change as a compare-and-set and calls again with whatever it reads afterwards; only a write that succeeded
 * ever shows up here, so two replicas can never both become primary of an epoch.
 *
 * <ul>
 * <li>A replica claims its unclaimed place in the configured first view (its session now holds it).
 * <li>The primary's place is dead when its session is gone (or, never claimed, after the startup grace). The
 *     first backup in seniority order whose session lives then records the next epoch with itself first and
 *     the live backups after it; the others follow when they read it. If the senior is dead too, the next
 *     one takes its turn at once: no timeout per dead replica.
 * <li>The primary drops from its view backups whose places were never claimed within the startup grace (a
 *     replica that never started). A backup that died is dropped when replicating to it fails, as in static
 *     mode, but there the primary records the drop here before it replies.
 * <li>A primary whose place is gone (its epoch was superseded, or its session is not the one holding it) is
 *     deposed. A replica whose place is held by another session, or that has none, is outside and joins.
 * </ul>
 *
 * <p>Pure: the caller passes the time and serializes calls.
 */
public final class ZooKeeperElection {

    /** What to write to the recorded view (compare-and-set) and what changed for this replica. */
    public record Outcome(Optional<RecordedView> write, RoleTransition transition) {
        static final Outcome NOTHING = new Outcome(Optional.empty(), RoleTransition.NONE);

        static Outcome write(RecordedView view) {
            return new Outcome(Optional.of(view), RoleTransition.NONE);
        }

        static Outcome became(RoleTransition transition) {
            return new Outcome(Optional.empty(), transition);
        }
    }

    private enum Standing { STARTING_PRIMARY, STARTING_BACKUP, PRIMARY, BACKUP, OUTSIDE, DEPOSED }

    private final String self;
    private final long graceUntilNanos;
    private long session;
    private Standing standing;
    /** The epoch this replica is primary of, or the newest it follows. */
    private long epoch = 1;
    private boolean exclusionReported;

    /**
     * @param self            this replica's id
     * @param session         its ZooKeeper session
     * @param startsAsPrimary it starts as the first primary (first in the configured list, not joining)
     * @param joining         it joins a running group (it claims no place; the primary gives it one)
     * @param graceUntilNanos until then a place nobody claimed is not taken for dead
     */
    public ZooKeeperElection(String self, long session, boolean startsAsPrimary, boolean joining,
                             long graceUntilNanos) {
        this.self = Objects.requireNonNull(self, "self");
        this.session = session;
        this.graceUntilNanos = graceUntilNanos;
        if (startsAsPrimary && joining) {
            throw new IllegalArgumentException("a joining replica does not start as primary");
        }
        this.standing = joining ? Standing.OUTSIDE : startsAsPrimary ? Standing.STARTING_PRIMARY
                : Standing.STARTING_BACKUP;
    }

    public boolean isPrimary() {
        return standing == Standing.PRIMARY || standing == Standing.STARTING_PRIMARY;
    }

    /** Whether this replica holds a place in the group's view. */
    public boolean isMember() {
        return standing == Standing.PRIMARY || standing == Standing.BACKUP;
    }

    public long session() {
        return session;
    }

    /**
     * This replica's session expired: whatever place it held is free for others now. A primary is deposed
     * (a backup may already have taken over); a backup is outside and must join again, as it may have missed
     * updates since the primary dropped it.
     */
    public RoleTransition sessionLost() {
        switch (standing) {
            case PRIMARY, STARTING_PRIMARY -> {
                return deposed().transition();
            }
            case BACKUP, STARTING_BACKUP -> {
                standing = Standing.OUTSIDE;
                exclusionReported = true;
                return RoleTransition.EXCLUDED;
            }
            default -> {
                return RoleTransition.NONE;
            }
        }
    }

    /** This replica's session expired and it has a new one ({@link #sessionLost}, if not yet reported). */
    public RoleTransition sessionReplaced(long newSession) {
        RoleTransition transition = sessionLost();
        session = newSession;
        return transition;
    }

    /** The recorded view or the live sessions changed (or time passed): decide. */
    public Outcome observe(RecordedView recorded, Set<Long> liveSessions, long nowNanos) {
        var view = recorded.view();
        boolean holdsPlace = recorded.heldBy(self, session);
        return switch (standing) {
            case DEPOSED -> Outcome.NOTHING;
            case STARTING_PRIMARY -> {
                if (recorded.unclaimed(self) && view.primary().equals(self) && view.epoch() == 1) {
                    yield Outcome.write(recorded.claim(self, session));
                }
                if (holdsPlace && view.primary().equals(self)) {
                    standing = Standing.PRIMARY;
                    epoch = view.epoch();
                    yield Outcome.NOTHING;
                }
                yield deposed();
            }
            case PRIMARY -> {
                if (!holdsPlace || !view.primary().equals(self) || view.epoch() != epoch) {
                    yield deposed();
                }
                boolean graceOver = nowNanos - graceUntilNanos >= 0;
                List<String> neverStarted = view.backups().stream().filter(b -> graceOver && recorded.unclaimed(b))
                        .toList();
                yield neverStarted.isEmpty() ? Outcome.NOTHING : Outcome.write(recorded.without(neverStarted));
            }
            case STARTING_BACKUP, BACKUP -> {
                if (!holdsPlace) {
                    if (standing == Standing.STARTING_BACKUP && recorded.unclaimed(self) && !view.primary().equals(self)) {
                        yield Outcome.write(recorded.claim(self, session));
                    }
                    standing = Standing.OUTSIDE;
                    exclusionReported = true;
                    yield Outcome.became(RoleTransition.EXCLUDED);
                }
                if (view.primary().equals(self)) {
                    standing = Standing.PRIMARY; // only this replica's own take-over puts it first
                    epoch = view.epoch();
                    yield Outcome.became(RoleTransition.PROMOTED);
                }
                RoleTransition transition = standing == Standing.STARTING_BACKUP || view.epoch() > epoch
                        ? RoleTransition.FOLLOWING : RoleTransition.NONE;
                standing = Standing.BACKUP;
                epoch = view.epoch();
                if (transition == RoleTransition.NONE && primaryDead(recorded, liveSessions, nowNanos)
                        && successor(recorded, liveSessions).filter(self::equals).isPresent()) {
                    yield Outcome.write(recorded.takeOver(self, liveSessions));
                }
                yield Outcome.became(transition);
            }
            case OUTSIDE -> {
                if (holdsPlace && !view.primary().equals(self)) {
                    standing = Standing.BACKUP; // the primary took this replica in
                    epoch = view.epoch();
                    exclusionReported = false;
                    yield Outcome.became(RoleTransition.FOLLOWING);
                }
                if (exclusionReported) {
                    yield Outcome.NOTHING;
                }
                exclusionReported = true;
                yield Outcome.became(RoleTransition.EXCLUDED);
            }
        };
    }

    private Outcome deposed() {
        standing = Standing.DEPOSED;
        return Outcome.became(RoleTransition.DEPOSED);
    }

    private boolean primaryDead(RecordedView recorded, Set<Long> liveSessions, long nowNanos) {
        String primary = recorded.view().primary();
        if (recorded.unclaimed(primary)) {
            return nowNanos - graceUntilNanos >= 0;
        }
        return !recorded.alive(primary, liveSessions);
    }

    /** The most senior backup whose session lives: the one that takes over. */
    private static Optional<String> successor(RecordedView recorded, Set<Long> liveSessions) {
        return recorded.view().backups().stream().filter(b -> recorded.alive(b, liveSessions)).findFirst();
    }
}
