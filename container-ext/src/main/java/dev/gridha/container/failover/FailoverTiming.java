package dev.gridha.container.failover;

import java.time.Duration;
import java.util.Objects;

/**
 * How fast a replica group notices a dead primary: the primary sends a heartbeat every
 * {@code heartbeatInterval}; a backup that hears nothing from it for {@code suspicionTimeout} suspects it.
 *
 * <p>The trade-off: a shorter timeout shortens failover (detection is most of it) but a primary that is only
 * slow (a GC pause, a busy core, a lost datagram) is more easily taken for dead, and in {@code static}
 * membership a falsely suspected primary is deposed while it still runs. The timeout must cover several
 * intervals, so one or two lost or late heartbeats never trigger it. The defaults, 50 ms / 200 ms, suit a LAN
 * or one machine: four heartbeats may go missing before a backup acts, and JVM pauses of a small heap stay
 * well below 200 ms. Across a WAN, or with large heaps, raise both.
 *
 * <p>The startup grace: replicas of a group start one after the other (backups before their primary, whose
 * channels connect to them), so a backup does not suspect a primary it has never heard from until the grace
 * has passed. A primary that dies later is suspected after the plain timeout.
 *
 * @param heartbeatInterval how often the primary announces itself
 * @param suspicionTimeout  how long a backup waits, without hearing the primary, before acting
 * @param startupGrace      how long a backup waits for the first heartbeat of its first primary
 */
public record FailoverTiming(Duration heartbeatInterval, Duration suspicionTimeout, Duration startupGrace) {

    /** Heartbeats that may go missing in a row before a primary is suspected: timeout / interval must reach this. */
    public static final int MIN_INTERVALS_PER_TIMEOUT = 2;

    /** 50 ms heartbeats, 200 ms suspicion, 10 s for a group to come up: for a LAN. */
    public static final FailoverTiming DEFAULTS = new FailoverTiming(Duration.ofMillis(50), Duration.ofMillis(200),
            Duration.ofSeconds(10));

    public FailoverTiming {
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(suspicionTimeout, "suspicionTimeout");
        Objects.requireNonNull(startupGrace, "startupGrace");
        if (startupGrace.compareTo(suspicionTimeout) < 0) {
            throw new IllegalArgumentException("startup grace (" + startupGrace.toMillis() + " ms) must be at least"
                    + " the suspicion timeout (" + suspicionTimeout.toMillis() + " ms)");
        }
        if (heartbeatInterval.isNegative() || heartbeatInterval.toMillis() < 1) {
            throw new IllegalArgumentException("heartbeat interval must be at least 1 ms, got "
                    + heartbeatInterval.toMillis() + " ms");
        }
        if (suspicionTimeout.compareTo(heartbeatInterval.multipliedBy(MIN_INTERVALS_PER_TIMEOUT)) < 0) {
            throw new IllegalArgumentException("suspicion timeout (" + suspicionTimeout.toMillis()
                    + " ms) must be at least " + MIN_INTERVALS_PER_TIMEOUT + " heartbeat intervals ("
                    + heartbeatInterval.toMillis() + " ms each), or one late heartbeat deposes a live primary");
        }
    }
}
