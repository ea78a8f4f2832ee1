package dev.gridha.bench;

import java.time.Duration;

import org.HdrHistogram.Histogram;

/**
 * What one load run measured: operations completed, failures, wall time, and the latency of every
 * completed operation in microseconds.
 */
public record LoadResult(int clients, long operations, long errors, Duration elapsed, Histogram latencyMicros) {

    /** This result and {@code other} as one: operations, errors, time and latencies added up. */
    public LoadResult plus(LoadResult other) {
        if (clients != other.clients) {
            throw new IllegalArgumentException("results of " + clients + " and " + other.clients + " clients");
        }
        Histogram both = latencyMicros.copy();
        both.add(other.latencyMicros);
        return new LoadResult(clients, operations + other.operations, errors + other.errors,
                elapsed.plus(other.elapsed), both);
    }

    public double throughputPerSecond() {
        return operations / (elapsed.toNanos() / 1e9);
    }

    public double p50Micros() {
        return latencyMicros.getValueAtPercentile(50);
    }

    public double p99Micros() {
        return latencyMicros.getValueAtPercentile(99);
    }

    public double meanMicros() {
        return latencyMicros.getMean();
    }
}
