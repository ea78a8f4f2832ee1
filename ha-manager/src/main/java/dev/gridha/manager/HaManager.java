package dev.gridha.manager;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gridha.manager.balancer.BackendState;
import dev.gridha.manager.balancer.BackendStatus;
import dev.gridha.manager.balancer.Balancer;
import dev.gridha.manager.events.EventLog;
import dev.gridha.manager.monitor.ContainerMonitor;
import dev.gridha.manager.monitor.ContainerView;
import dev.gridha.manager.rejuvenation.RejuvenationCoordinator;
import dev.gridha.manager.rejuvenation.RejuvenationOutcome;

/**
 * The manager's loop: every period it observes each container (probe into the aging detector, liveness
 * into the watchdog) and acts on what it finds, one action at a time on a thread of its own so observing
 * goes on meanwhile: a serving container the detector calls aging is rejuvenated; a container the watchdog
 * finds dead is recovered. A container that was acted on starts a new history, and so does one that starts
 * serving: a standby's heap barely grows, and its flat samples in the trend's window would hide the trend it
 * has as the serving container, so the forecast would fire later than it should.
 */
public final class HaManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HaManager.class);

    private final Balancer balancer;
    private final List<ContainerMonitor> monitors;
    private final RejuvenationCoordinator coordinator;
    private final EventLog events;
    private final ExecutorService actions = Executors.newSingleThreadExecutor(daemon("gridha-manager-actions"));
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(daemon("gridha-manager"));
    private volatile Future<?> underWay;
    private volatile String actingOn;
    /** Each container's balancer state at the last round (the loop's thread only). */
    private final java.util.Map<String, BackendState> stateSeen = new java.util.HashMap<>();

    public HaManager(Balancer balancer, List<ContainerMonitor> monitors, RejuvenationCoordinator coordinator,
                     EventLog events) {
        this.balancer = Objects.requireNonNull(balancer, "balancer");
        this.monitors = List.copyOf(monitors);
        this.coordinator = Objects.requireNonNull(coordinator, "coordinator");
        this.events = Objects.requireNonNull(events, "events");
    }

    /** Observes every period from now on, until closed. */
    public void start(Duration period) {
        loop.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.error("the manager's round failed; it goes on at the next period", e);
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round: observe every container, then start at most one action if none is under way. */
    public void tick() throws InterruptedException {
        String decided = null;
        for (ContainerMonitor monitor : monitors) {
            BackendState now = state(monitor.id());
            BackendState before = stateSeen.put(monitor.id(), now);
            if (now == BackendState.ACTIVE && before != BackendState.ACTIVE) {
                monitor.renewed(); // serving from now on: its trend as a standby says nothing about this
            }
            // the container an action is restarting is silent on purpose: not judged until the action ends
            ContainerMonitor.Observation observation = monitor.observe(!(busy() && monitor.id().equals(actingOn)));
            if (decided != null || busy()) {
                continue;
            }
            if (observation.verdict() == dev.gridha.manager.watchdog.Watchdog.Verdict.DIED) {
                if (startIfIdle(monitor, () -> coordinator.recover(monitor.id()))) {
                    decided = monitor.id();
                }
            } else if (observation.aging() && state(monitor.id()) == BackendState.ACTIVE) {
                String why = observation.assessment().reason();
                if (startIfIdle(monitor, () -> coordinator.rejuvenate(monitor.id(), why))) {
                    decided = monitor.id();
                }
            }
        }
    }

    /**
     * Rejuvenates container {@code id} now because an operator asked, as the loop does when it finds it aging.
     *
     * @return what was started
     * @throws IllegalArgumentException if no container is called so
     * @throws IllegalStateException    if an action is under way, or {@code id} is not the serving container
     */
    public synchronized String rejuvenateNow(String id) {
        ContainerMonitor monitor = monitors.stream().filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no container " + id));
        if (busy()) {
            throw new IllegalStateException("an action on " + actingOn + " is under way; ask again when it is done");
        }
        if (state(id) != BackendState.ACTIVE) {
            throw new IllegalStateException(id + " is not serving: only the serving container is rejuvenated");
        }
        events.record(id, "asked", "an operator asked for a rejuvenation");
        start(monitor, () -> coordinator.rejuvenate(id, "asked for by an operator"));
        return "rejuvenation of " + id + " started";
    }

    /** Whether a rejuvenation or recovery is under way. */
    public boolean busy() {
        Future<?> current = underWay;
        return current != null && !current.isDone();
    }

    private interface Action {
        RejuvenationOutcome run() throws InterruptedException;
    }

    /** Starts {@code action} unless one is under way (the loop and an operator may ask at once). */
    private synchronized boolean startIfIdle(ContainerMonitor monitor, Action action) {
        if (busy()) {
            return false;
        }
        start(monitor, action);
        return true;
    }

    /** Starts {@code action} on the action thread; the caller holds this manager's lock and found it idle. */
    private void start(ContainerMonitor monitor, Action action) {
        actingOn = monitor.id();
        underWay = actions.submit(() -> {
            try {
                RejuvenationOutcome outcome = action.run();
                if (outcome.result() != RejuvenationOutcome.Result.ABANDONED) {
                    monitor.renewed();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                events.record(monitor.id(), "error", "the action failed: " + e);
            }
        });
    }

    private BackendState state(String id) {
        return balancer.backends().stream().filter(b -> b.id().equals(id)).map(BackendStatus::state).findFirst()
                .orElse(BackendState.DOWN);
    }

    /** What the manager knows of each container, in order. */
    public List<ContainerView> views() {
        return monitors.stream().map(ContainerMonitor::view).toList();
    }

    public EventLog events() {
        return events;
    }

    public Balancer balancer() {
        return balancer;
    }

    @Override
    public void close() {
        loop.shutdownNow();
        actions.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
            actions.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
