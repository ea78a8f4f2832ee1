package dev.gridha.manager.balancer;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The requests per second and the mean latency one container had lately, as the balancer sees them: each answer
 * counts with a weight that decays exponentially with its age (time constant {@code tau}), so the figures follow
 * the last several seconds without a window to keep. For a steady stream of r requests per second the rate is r.
 * Thread-safe; time comes from a nanosecond source, so tests drive it.
 */
final class RecentTraffic {

    private final double tauNanos;
    private final LongSupplier nanoTime;
    /** Requests per second, decayed to {@link #last}. */
    private double rate;
    /** Decayed sums of latency (ns) and of weights: their ratio is the recency-weighted mean latency. */
    private double latencySum;
    private double weightSum;
    private long last;

    RecentTraffic(long tauNanos, LongSupplier nanoTime) {
        if (tauNanos <= 0) {
            throw new IllegalArgumentException("the time constant must be positive");
        }
        this.tauNanos = tauNanos;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.last = nanoTime.getAsLong();
    }

    /** One request answered now after {@code latencyNanos}. */
    synchronized void answered(long latencyNanos) {
        decayTo(nanoTime.getAsLong());
        rate += 1e9 / tauNanos;
        latencySum += latencyNanos;
        weightSum += 1;
    }

    /** Requests per second lately (0 with none). */
    synchronized double requestsPerSecond() {
        decayTo(nanoTime.getAsLong());
        return rate;
    }

    /** The mean latency of the recent answers, in milliseconds; NaN before the first. */
    synchronized double meanLatencyMillis() {
        return weightSum == 0 ? Double.NaN : latencySum / weightSum / 1e6;
    }

    private void decayTo(long now) {
        long elapsed = now - last;
        if (elapsed > 0) {
            double keep = Math.exp(-elapsed / tauNanos);
            rate *= keep;
            latencySum *= keep;
            weightSum *= keep;
            last = now;
        }
    }
}
