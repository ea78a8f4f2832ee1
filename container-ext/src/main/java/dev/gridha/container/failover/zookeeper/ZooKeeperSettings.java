package dev.gridha.container.failover.zookeeper;

import java.time.Duration;
import java.util.Objects;

/**
 * Where a group's ZooKeeper ensemble is and how quickly it declares a silent replica dead.
 *
 * @param connect        ZooKeeper's connect string ({@code host:port,host:port})
 * @param sessionTimeout a replica whose session sends nothing for this long is dead to the group: this is
 *                       {@code zookeeper} mode's failure-detection time. The ensemble bounds it (by default to
 *                       2-20 ticks: 200 ms - 2 s for gridha's in-process server, 4-40 s for an ensemble with
 *                       the usual 2 s tick). Shorter detects faster but risks declaring a replica dead during
 *                       a long garbage-collection pause; it then rejoins from a snapshot, nothing is lost.
 */
public record ZooKeeperSettings(String connect, Duration sessionTimeout) {

    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofMillis(1000);

    public ZooKeeperSettings {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        if (connect.isBlank()) {
            throw new IllegalArgumentException("zookeeper mode needs the ensemble's connect string (host:port,...)");
        }
        if (sessionTimeout.toMillis() < 100) {
            throw new IllegalArgumentException("a ZooKeeper session timeout below 100 ms cannot be kept: "
                    + sessionTimeout.toMillis() + " ms");
        }
    }
}
