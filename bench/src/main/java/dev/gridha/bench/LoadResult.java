package dev.gridha.bench;

import java.time.Duration;

import org.HdrHistogram.Histogram;

/**
 * What one load run measured: operations completed, failures, wall time, and the latency of every
 * completed operation in microseconds.
 */
public record LoadResult(int clients, long operations, long errors, Duration elapsed, Histogram latencyMicros) {

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
