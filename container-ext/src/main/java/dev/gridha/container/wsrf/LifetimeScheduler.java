package dev.gridha.container.wsrf;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sweeps a {@link ResourceHome} at a fixed period so that resources whose termination time has passed are
 * removed and their memory freed even if nobody asks for them again. Correctness does not depend on the
 * period: the home already treats an expired resource as unknown.
 */
public final class LifetimeScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LifetimeScheduler.class);

    private enum State { LATENT, STARTED, CLOSED }

    private final ResourceHome<?> home;
    private final Duration period;
    private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
    private ScheduledExecutorService executor;

    public LifetimeScheduler(ResourceHome<?> home, Duration period) {
        this.home = Objects.requireNonNull(home, "home");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("sweep period must be positive: " + period);
        }
        this.period = period;
    }

    /** Starts the daemon sweep thread; a second call is an error. */
    public void start() {
        if (!state.compareAndSet(State.LATENT, State.STARTED)) {
            throw new IllegalStateException("lifetime scheduler for " + home.name() + " is " + state.get());
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gridha-lifetime-" + home.name());
            thread.setDaemon(true);
            return thread;
        });
        // In nanoseconds: a positive period under a millisecond would truncate to a zero period in millis.
        executor.scheduleAtFixedRate(this::sweep, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void sweep() {
        try {
            int destroyed = home.expire();
            if (destroyed > 0) {
                LOG.info("{} home: {} resources reached their termination time and were destroyed",
                        home.name(), destroyed);
            }
        } catch (RuntimeException e) {
            // A failed sweep must not cancel the schedule: the next one retries.
            LOG.error("{} home: lifetime sweep failed", home.name(), e);
        }
    }

    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) == State.STARTED) {
            executor.shutdownNow();
        }
    }
}
