package dev.gridha.container.failover;

import java.time.Duration;

/**
 * Suspects a peer that has been silent for longer than a timeout. Pure: the caller passes the time (from
 * {@code System.nanoTime()}, or a test's clock), so the decision can be tested step by step. Not
 * thread-safe; its owner serializes calls.
 */
public final class FailureDetector {

    private final long timeoutNanos;
    private long lastHeardNanos;

    /**
     * @param nowNanos the time watching starts: a peer is given a full timeout to be heard from the first
     *                 time, so a new primary is not suspected before it could send its first heartbeat
     */
    public FailureDetector(Duration timeout, long nowNanos) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        this.timeoutNanos = timeout.toNanos();
        this.lastHeardNanos = nowNanos;
    }

    /** The peer was heard (a heartbeat, or any authenticated message from it). */
    public void heard(long nowNanos) {
        // Late-delivered evidence must not move the clock backwards.
        if (nowNanos - lastHeardNanos > 0) {
            lastHeardNanos = nowNanos;
        }
    }

    /** Starts over as if the peer had just been heard: watching a new peer. */
    public void restart(long nowNanos) {
        lastHeardNanos = nowNanos;
    }

    /** Whether the peer has been silent for longer than the timeout. */
    public boolean suspects(long nowNanos) {
        return silenceNanos(nowNanos) > timeoutNanos;
    }

    /** How long the peer has been silent. */
    public long silenceNanos(long nowNanos) {
        return Math.max(0, nowNanos - lastHeardNanos);
    }
}
