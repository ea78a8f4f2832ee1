package dev.gridha.manager.rejuvenation;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import dev.gridha.manager.balancer.Balancer;
import dev.gridha.manager.balancer.BackendState;
import dev.gridha.manager.balancer.BackendStatus;
import dev.gridha.manager.events.EventLog;

/**
 * Rejuvenates a serving container without failing a request (the seed's hot-standby scheme): check that a
 * standby is ready; send new requests to it; let the old container finish what it has in flight (bounded);
 * take it out and rejuvenate it ({@link RejuvenationAction}); once it answers its readiness check it is the
 * next standby. If no standby is ready the rejuvenation is abandoned and the old container keeps serving. One
 * rejuvenation at a time. Free of clocks and sockets: time comes through {@link Waiting} and a nanosecond
 * source.
 *
 * <p>When the containers' services are replicated ({@link #takeOverWithBackups}), the standby is the serving
 * container's backup and cannot serve before its group promotes it, which happens when the primary leaves. The
 * order is then: the standby must be a caught-up backup; the old container is drained first (new requests wait
 * at the balancer); the action stops it, so its group promotes the standby; the standby serves once it is the
 * primary; the old container is the standby again once it has rejoined as a caught-up backup. Every request
 * the old container answered is on the backup (a reply waits for every backup's acknowledgement).
 */
public final class RejuvenationCoordinator {

    /**
     * @param drain    how long the old container may take to finish its requests in flight; after it the
     *                 rejuvenation goes ahead and those requests fail (an aging container that cannot drain is
     *                 closer to a crash than one restarted now), and the event says how many
     * @param comeBack how long the rejuvenated container may take to answer its readiness check (and, with
     *                 backups, to rejoin its groups as a caught-up backup)
     * @param takeover with backups: how long the standby may take to become the primary once the old one is
     *                 stopped (requests wait at the balancer meanwhile)
     */
    public record Limits(Duration drain, Duration comeBack, Duration takeover) {

        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(30), Duration.ofMinutes(2),
                Duration.ofSeconds(30));

        public Limits {
            Objects.requireNonNull(drain, "drain");
            Objects.requireNonNull(comeBack, "comeBack");
            Objects.requireNonNull(takeover, "takeover");
            if (drain.isNegative() || comeBack.isNegative() || comeBack.isZero() || takeover.isNegative()
                    || takeover.isZero()) {
                throw new IllegalArgumentException("rejuvenation limits must be positive");
            }
        }
    }

    private final Balancer balancer;
    private final Readiness readiness;
    private final RejuvenationAction action;
    private final Waiting waiting;
    private final EventLog events;
    private final Limits limits;
    private final LongSupplier nanoTime;
    private volatile Warmup warmup = Warmup.NONE;
    /** Set when each standby is the serving container's backup; null for independent containers. */
    private volatile ReplicaRoles roles;

    public RejuvenationCoordinator(Balancer balancer, Readiness readiness, RejuvenationAction action, Waiting waiting,
                                   EventLog events, Limits limits, LongSupplier nanoTime) {
        this.balancer = Objects.requireNonNull(balancer, "balancer");
        this.readiness = Objects.requireNonNull(readiness, "readiness");
        this.action = Objects.requireNonNull(action, "action");
        this.waiting = Objects.requireNonNull(waiting, "waiting");
        this.events = Objects.requireNonNull(events, "events");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** Warms a planned rejuvenation's standby with {@code warmup} before it takes the requests. */
    public void warmStandbysWith(Warmup warmup) {
        this.warmup = java.util.Objects.requireNonNull(warmup, "warmup");
    }

    /**
     * The containers' services are replicated: each standby is the serving container's backup, and requests
     * are handed over only to a promoted primary (see the class comment).
     */
    public void takeOverWithBackups(ReplicaRoles roles) {
        this.roles = Objects.requireNonNull(roles, "roles");
    }

    /** Rejuvenates {@code container}, which must be serving; returns when it is over, however it ended. */
    public synchronized RejuvenationOutcome rejuvenate(String container, String why) throws InterruptedException {
        long started = nanoTime.getAsLong();
        Optional<BackendStatus> old = status(container);
        if (old.isEmpty() || old.get().state() != BackendState.ACTIVE) {
            return abandoned(container, started, container + " is not serving ("
                    + old.map(s -> s.state().name().toLowerCase(java.util.Locale.ROOT)).orElse("unknown") + ")");
        }
        Optional<String> standby = readyStandby(container);
        if (standby.isEmpty()) {
            return abandoned(container, started, "no standby is ready; " + container + " keeps serving");
        }
        String next = standby.get();
        warmup.warm(next); // while the old container still serves: its first requests must not wait on a cold JVM
        if (roles != null) {
            events.record(container, "rejuvenation", "starting (" + why + "): " + next + ", its backup, takes over;"
                    + " new requests wait at the balancer until it is the primary");
            long held = nanoTime.getAsLong();
            balancer.drain(container);
            int cut = drain(container);
            balancer.down(container);
            return handOver(container, next, cut, started, held);
        }
        events.record(container, "rejuvenation", "starting (" + why + "): new requests go to " + next);
        balancer.activate(next);
        balancer.drain(container);
        int cut = drain(container);
        balancer.down(container);
        return restartAsStandby(container, next, cut, started, "rejuvenated");
    }

    /** Waits (bounded) until {@code container} has nothing in flight; returns how many requests it still had. */
    private int drain(String container) throws InterruptedException {
        if (waiting.until(() -> balancer.inFlight(container) == 0, limits.drain())) {
            return 0;
        }
        int cut = balancer.inFlight(container);
        events.record(container, "drain-timeout", cut + " request" + (cut == 1 ? "" : "s") + " still in flight after "
                + seconds(limits.drain()) + "; rejuvenating anyway: they fail");
        return cut;
    }

    /**
     * With backups: rejuvenates the drained primary {@code old}, which stops it, so its group promotes
     * {@code next}; {@code next} serves once it is the primary, and {@code old} is the standby once it is a
     * caught-up backup of it. New requests have waited at the balancer since {@code held}.
     */
    private RejuvenationOutcome handOver(String old, String next, int cut, long started, long held)
            throws InterruptedException {
        RejuvenationException failure = null;
        try {
            action.rejuvenate(old);
        } catch (RejuvenationException e) {
            failure = e; // it may have stopped the old container all the same: who is primary says what to do
        }
        if (waiting.until(() -> roles.primary(next), limits.takeover())) {
            balancer.activate(next);
            events.record(next, "takeover", next + " is the primary and serves; new requests waited "
                    + seconds(since(held)) + " at the balancer");
        } else if (roles.primary(old)) {
            balancer.activate(old);
            return abandoned(old, started, next + " did not take over within " + seconds(limits.takeover())
                    + " and " + old + " is still the primary: it serves again");
        } else {
            balancer.activate(next);
            events.record(next, "no-takeover", next + " is not the primary " + seconds(limits.takeover())
                    + " after " + old + " stopped; it is sent the requests anyway (it answers not-primary until"
                    + " its group promotes it)");
        }
        if (failure != null) {
            return notBack(old, next, cut, started, action.describe() + " failed: " + failure.getMessage());
        }
        return awaitStandby(old, next, cut, started, "rejuvenated");
    }

    /**
     * The watchdog found {@code container} dead: new requests go to a ready standby at once (if it was
     * serving), and the dead one is restarted to be the next standby. Requests it had in flight are lost with
     * it; a fault-tolerant client resubmits them.
     */
    public synchronized RejuvenationOutcome recover(String container) throws InterruptedException {
        long started = nanoTime.getAsLong();
        Optional<BackendStatus> dead = status(container);
        if (dead.isEmpty()) {
            return abandoned(container, started, container + " is not behind the balancer");
        }
        String next = null;
        if (dead.get().state() == BackendState.ACTIVE) {
            if (roles != null) {
                balancer.down(container); // requests wait at the balancer, not at a dead container, until one takes over
            }
            next = roles == null ? readyStandby(null).orElse(null) : promotedStandby();
            if (next != null) {
                balancer.activate(next);
            }
            events.record(container, "crash", "found dead while serving; " + (next == null
                    ? "no standby is " + (roles == null ? "ready" : "its group's primary")
                    + ": nothing serves until it is back" : "new requests go to " + next));
        } else {
            events.record(container, "crash", "found dead (" + dead.get().state().name().toLowerCase(java.util.Locale.ROOT)
                    + ")");
        }
        int lost = balancer.inFlight(container);
        balancer.down(container);
        RejuvenationOutcome outcome = restartAsStandby(container, next != null ? next : serving(), lost, started,
                "recovered");
        if (next == null && outcome.result() == RejuvenationOutcome.Result.DONE
                && dead.get().state() == BackendState.ACTIVE) {
            balancer.activate(container); // nothing else could serve: it does again
            events.record(container, "serving", "back and serving again (no standby took over)");
        }
        return outcome;
    }

    /**
     * With backups, a dead primary's group promotes its backup by itself (the dead one's membership lapses):
     * the standby that is the primary within the takeover limit, if any. Requests wait at the balancer meanwhile
     * (the dead container is taken out first).
     */
    private String promotedStandby() throws InterruptedException {
        AtomicReference<String> promoted = new AtomicReference<>();
        waiting.until(() -> {
            for (BackendStatus backend : balancer.backends()) {
                if (backend.state() == BackendState.STANDBY && roles.primary(backend.id())) {
                    promoted.set(backend.id());
                    return true;
                }
            }
            return false;
        }, limits.takeover());
        return promoted.get();
    }

    /** The container serving now, if any. */
    private String serving() {
        return balancer.backends().stream().filter(b -> b.state() == BackendState.ACTIVE).map(BackendStatus::id)
                .findFirst().orElse(null);
    }

    /** Carries out the action on {@code container} (out of the balancer) and makes it the standby once ready. */
    private RejuvenationOutcome restartAsStandby(String container, String serving, int cut, long started, String done)
            throws InterruptedException {
        try {
            action.rejuvenate(container);
        } catch (RejuvenationException e) {
            return notBack(container, serving, cut, started, action.describe() + " failed: " + e.getMessage());
        }
        return awaitStandby(container, serving, cut, started, done);
    }

    /**
     * Waits (bounded) until the rejuvenated {@code container} could take over from {@code serving}, then makes
     * it the standby.
     */
    private RejuvenationOutcome awaitStandby(String container, String serving, int cut, long started, String done)
            throws InterruptedException {
        if (!waiting.until(() -> couldTakeOver(container, serving), limits.comeBack())) {
            return notBack(container, serving, cut, started, (roles == null ? "not ready " : "not ready as a caught-up"
                    + " backup ") + seconds(limits.comeBack()) + " after the " + action.describe());
        }
        balancer.standBy(container);
        Duration took = since(started);
        events.record(container, done, action.describe() + " done in " + seconds(took) + "; "
                + (serving == null ? "nothing else serves" : serving + " serves") + ", " + container
                + " is the standby" + outcomeOfRequests(done, cut));
        return new RejuvenationOutcome(container, serving, RejuvenationOutcome.Result.DONE, cut, took, done);
    }

    /** A standby that could take over from {@code serving} now (null: from nothing). */
    private Optional<String> readyStandby(String serving) {
        for (BackendStatus backend : balancer.backends()) {
            if (backend.state() == BackendState.STANDBY) {
                if (couldTakeOver(backend.id(), serving)) {
                    return Optional.of(backend.id());
                }
                events.record(backend.id(), "standby-not-ready", readiness.ready(backend.id())
                        ? "the standby is not a caught-up backup of " + serving
                        : "the standby does not answer its readiness check");
            }
        }
        return Optional.empty();
    }

    /** Ready, and with backups a caught-up backup of {@code serving} (where something serves). */
    private boolean couldTakeOver(String container, String serving) {
        return readiness.ready(container) && (roles == null || serving == null || roles.backupOf(container, serving));
    }

    /**
     * What the event can say of the requests: a rejuvenation that cut none failed none; a crash lost those in
     * flight when it was found, and others before (the watchdog's verdict takes a few checks).
     */
    private static String outcomeOfRequests(String done, int cut) {
        if (!done.equals("rejuvenated")) {
            return cut == 0 ? ", none was in flight when it was found dead" : "";
        }
        return cut == 0 ? ", no request failed" : "";
    }

    private Optional<BackendStatus> status(String container) {
        return balancer.backends().stream().filter(b -> b.id().equals(container)).findFirst();
    }

    private RejuvenationOutcome abandoned(String container, long started, String reason) {
        events.record(container, "abandoned", "rejuvenation abandoned: " + reason);
        return new RejuvenationOutcome(container, null, RejuvenationOutcome.Result.ABANDONED, 0, since(started),
                reason);
    }

    private RejuvenationOutcome notBack(String container, String standby, int cut, long started, String reason) {
        events.record(container, "not-back", reason + "; " + (standby == null ? "nothing serves"
                : standby + " serves with no standby behind it"));
        return new RejuvenationOutcome(container, standby, RejuvenationOutcome.Result.NOT_BACK, cut, since(started),
                reason);
    }

    private Duration since(long started) {
        return Duration.ofNanos(nanoTime.getAsLong() - started);
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
