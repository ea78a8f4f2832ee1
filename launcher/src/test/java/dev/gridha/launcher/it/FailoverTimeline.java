package dev.gridha.launcher.it;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The replicas' role changes as they print them (promotions, joins, dropped backups), with the test's own
 * events in between: printed when a failover IT fails, it shows what the group did and when.
 */
final class FailoverTimeline {

    private final Queue<String> lines = new ConcurrentLinkedQueue<>();

    /** Keeps {@code line} (a replica's output line) if it is one of the failover log's. */
    void record(String line) {
        if (line.contains("d.g.failover")) {
            lines.add(line);
        }
    }

    /** Adds one of the test's own events. */
    void note(String event) {
        lines.add(event);
    }

    void print(String test) {
        lines.forEach(line -> System.out.println(test + " timeline: " + line));
    }
}
