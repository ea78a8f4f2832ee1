package dev.gridha.manager.monitor;

import java.util.List;
import java.util.OptionalLong;

import dev.gridha.probe.ProbeReading;

/**
 * What the manager last knew of one container, for the status page and the metrics endpoint.
 *
 * @param id            the container
 * @param reading       its last probe reading, or null if it never answered
 * @param probeAnswered whether the last probe answered
 * @param alive         whether the last liveness check answered
 * @param dead          whether the watchdog holds it dead
 * @param assessment    the aging detector's last word
 * @param heapTrend     bytes per second the live heap grows at (NaN until the trend has enough samples)
 * @param exhaustionMillis forecast milliseconds to heap exhaustion, if the heap grows
 * @param liveHeapHistory the live heap of the recent readings, oldest first (for the page's sparkline)
 */
public record ContainerView(String id, ProbeReading reading, boolean probeAnswered, boolean alive, boolean dead,
                            String assessment, double heapTrend, OptionalLong exhaustionMillis,
                            List<Long> liveHeapHistory) {
}
