package dev.gridha.manager.balancer;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The balancer's bookkeeping, free of sockets: which containers take requests, round robin among the active
 * ones, how many requests each has in flight, and its recent throughput and latency. A request {@link #acquire}s a lease on a container and
 * {@link Lease#release}s it when its answer (or failure) is complete; a draining container is empty when its
 * count reaches zero. Thread-safe.
 */
public final class BackendPool {

    /** How far back the recent throughput and latency look (their time constant). */
    static final long RECENT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private static final class Backend {
        final String id;
        final URI base;
        volatile BackendState state = BackendState.STANDBY;
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicLong served = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final RecentTraffic recent;

        Backend(String id, URI base, LongSupplier nanoTime) {
            this.id = id;
            this.base = base;
            this.recent = new RecentTraffic(RECENT_NANOS, nanoTime);
        }
    }

    /** One request's hold on a container; release it exactly once. */
    public final class Lease {
        private final Backend backend;
        private final long taken = nanoTime.getAsLong();
        private boolean released;

        private Lease(Backend backend) {
            this.backend = backend;
        }

        public String id() {
            return backend.id;
        }

        public URI base() {
            return backend.base;
        }

        /** The request is over: answered by the container ({@code answered}) or not. */
        public void release(boolean answered) {
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
            }
            (answered ? backend.served : backend.failed).incrementAndGet();
            if (answered) {
                backend.recent.answered(nanoTime.getAsLong() - taken);
            }
            backend.inFlight.decrementAndGet();
        }
    }

    private final Map<String, Backend> backends = new LinkedHashMap<>();
    private final LongSupplier nanoTime;
    private int next;

    public BackendPool() {
        this(System::nanoTime);
    }

    /** @param nanoTime the clock a request's latency is timed with */
    public BackendPool(LongSupplier nanoTime) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** Adds a container as a standby (it takes no requests until activated). */
    public synchronized void add(String id, URI base) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(base, "base");
        if (backends.containsKey(id)) {
            throw new IllegalArgumentException("a backend named " + id + " is already behind the balancer");
        }
        if (base.getScheme() == null || base.getHost() == null || base.getPort() < 0) {
            throw new IllegalArgumentException("backend " + id + ": " + base + " is not scheme://host:port");
        }
        backends.put(id, new Backend(id, base, nanoTime));
    }

    /**
     * Changes what {@code id} takes. Once this returns, no new lease goes to it unless the state is ACTIVE
     * (synchronized with {@link #acquire}: a lease taken before is already counted in flight).
     */
    public synchronized void set(String id, BackendState state) {
        backend(id).state = Objects.requireNonNull(state, "state");
        notifyAll(); // a request held for want of an active container may go now
    }

    /**
     * As {@link #acquire()}, but while no container is active waits up to {@code hold} for one to be activated
     * (a handover to a backup leaves none active until it is promoted): the request is late, not refused.
     *
     * @return empty if none was active within {@code hold}
     */
    public synchronized Optional<Lease> acquire(long holdNanos) throws InterruptedException {
        long deadline = System.nanoTime() + holdNanos;
        Optional<Lease> lease = acquire();
        while (lease.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return lease;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
            lease = acquire();
        }
        return lease;
    }

    /**
     * A lease on the next active container, round robin, counted in flight before this returns (so a drain
     * that starts after it waits for it); empty when none is active.
     */
    public synchronized Optional<Lease> acquire() {
        List<Backend> active = new ArrayList<>();
        for (Backend backend : backends.values()) {
            if (backend.state == BackendState.ACTIVE) {
                active.add(backend);
            }
        }
        if (active.isEmpty()) {
            return Optional.empty();
        }
        Backend chosen = active.get(Math.floorMod(next++, active.size()));
        chosen.inFlight.incrementAndGet();
        return Optional.of(new Lease(chosen));
    }

    public int inFlight(String id) {
        return backend(id).inFlight.get();
    }

    public synchronized List<BackendStatus> statuses() {
        return backends.values().stream().map(b -> new BackendStatus(b.id, b.base, b.state, b.inFlight.get(),
                b.served.get(), b.failed.get(), b.recent.requestsPerSecond(), b.recent.meanLatencyMillis())).toList();
    }

    private synchronized Backend backend(String id) {
        Backend backend = backends.get(id);
        if (backend == null) {
            throw new IllegalArgumentException("no backend named " + id + " behind the balancer (there are "
                    + backends.keySet() + ")");
        }
        return backend;
    }
}
