package dev.gridha.manager.rejuvenation;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
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
 */
public final class RejuvenationCoordinator {

    /**
     * @param drain    how long the old container may take to finish its requests in flight; after it the
     *                 rejuvenation goes ahead and those requests fail (an aging container that cannot drain is
     *                 closer to a crash than one restarted now), and the event says how many
     * @param comeBack how long the rejuvenated container may take to answer its readiness check
     */
    public record Limits(Duration drain, Duration comeBack) {

        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(30), Duration.ofMinutes(2));

        public Limits {
            Objects.requireNonNull(drain, "drain");
            Objects.requireNonNull(comeBack, "comeBack");
            if (drain.isNegative() || comeBack.isNegative() || comeBack.isZero()) {
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

    /** Rejuvenates {@code container}, which must be serving; returns when it is over, however it ended. */
    public synchronized RejuvenationOutcome rejuvenate(String container, String why) throws InterruptedException {
        long started = nanoTime.getAsLong();
        Optional<BackendStatus> old = status(container);
        if (old.isEmpty() || old.get().state() != BackendState.ACTIVE) {
            return abandoned(container, started, container + " is not serving ("
                    + old.map(s -> s.state().name().toLowerCase(java.util.Locale.ROOT)).orElse("unknown") + ")");
        }
        Optional<String> standby = readyStandby();
        if (standby.isEmpty()) {
            return abandoned(container, started, "no standby is ready; " + container + " keeps serving");
        }
        String next = standby.get();
        warmup.warm(next); // while the old container still serves: its first requests must not wait on a cold JVM
        events.record(container, "rejuvenation", "starting (" + why + "): new requests go to " + next);
        balancer.activate(next);
        balancer.drain(container);

        int cut = 0;
        if (!waiting.until(() -> balancer.inFlight(container) == 0, limits.drain())) {
            cut = balancer.inFlight(container);
            events.record(container, "drain-timeout", cut + " request" + (cut == 1 ? "" : "s") + " still in flight after "
                    + seconds(limits.drain()) + "; rejuvenating anyway: they fail");
        }
        balancer.down(container);
        return restartAsStandby(container, next, cut, started, "rejuvenated");
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
            next = readyStandby().orElse(null);
            if (next != null) {
                balancer.activate(next);
            }
            events.record(container, "crash", "found dead while serving; " + (next == null
                    ? "no standby is ready: nothing serves until it is back" : "new requests go to " + next));
        } else {
            events.record(container, "crash", "found dead (" + dead.get().state().name().toLowerCase(java.util.Locale.ROOT)
                    + ")");
        }
        int lost = balancer.inFlight(container);
        balancer.down(container);
        RejuvenationOutcome outcome = restartAsStandby(container, next, lost, started, "recovered");
        if (next == null && outcome.result() == RejuvenationOutcome.Result.DONE
                && dead.get().state() == BackendState.ACTIVE) {
            balancer.activate(container); // nothing else could serve: it does again
            events.record(container, "serving", "back and serving again (no standby took over)");
        }
        return outcome;
    }

    /** Carries out the action on {@code container} (out of the balancer) and makes it the standby once ready. */
    private RejuvenationOutcome restartAsStandby(String container, String serving, int cut, long started, String done)
            throws InterruptedException {
        try {
            action.rejuvenate(container);
        } catch (RejuvenationException e) {
            return notBack(container, serving, cut, started, action.describe() + " failed: " + e.getMessage());
        }
        if (!waiting.until(() -> readiness.ready(container), limits.comeBack())) {
            return notBack(container, serving, cut, started, "not ready " + seconds(limits.comeBack()) + " after the "
                    + action.describe());
        }
        balancer.standBy(container);
        Duration took = since(started);
        events.record(container, done, action.describe() + " done in " + seconds(took) + "; "
                + (serving == null ? "nothing else serves" : serving + " serves") + ", " + container
                + " is the standby" + (cut == 0 ? ", no request failed" : ""));
        return new RejuvenationOutcome(container, serving, RejuvenationOutcome.Result.DONE, cut, took, done);
    }

    private Optional<String> readyStandby() {
        for (BackendStatus backend : balancer.backends()) {
            if (backend.state() == BackendState.STANDBY) {
                if (readiness.ready(backend.id())) {
                    return Optional.of(backend.id());
                }
                events.record(backend.id(), "standby-not-ready", "the standby does not answer its readiness check");
            }
        }
        return Optional.empty();
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
