package dev.gridha.launcher.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import dev.gridha.bench.failover.FailoverBenchmark;
import dev.gridha.bench.failover.FailoverReport;
import dev.gridha.launcher.TextTable;
import dev.gridha.launcher.group.ProcessFailoverGroup;

/**
 * The demo's failover act: a replicated Counter as two {@code gridha up} processes, four fault-tolerant
 * clients adding, the primary's JVM killed with SIGKILL mid-load; the clients carry on at the backup, and
 * the act prints the gap each client saw, when the new primary's FAILURE notification reached them, and
 * checks that every add counted exactly once.
 */
final class FailoverAct {

    private static final int CLIENTS = 4;

    private final PrintStream out;

    FailoverAct(PrintStream out) {
        this.out = out;
    }

    void run() {
        out.println("starting a replica group: two gridha up processes, r1 primary, r2 its backup ...");
        FailoverBenchmark.Point point;
        try {
            Path folder = Files.createTempDirectory("gridha-demo-failover");
            point = new FailoverBenchmark(Duration.ofSeconds(2), Duration.ofSeconds(2), line -> { },
                    FailoverBenchmark.Notifications.PUSH).measure(() -> ProcessFailoverGroup.start(folder), CLIENTS);
        } catch (IOException e) {
            throw new IllegalStateException("no temporary folder for the replicas: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("failover act: " + e.getMessage(), e);
        }
        out.println(CLIENTS + " clients added to one counter for 2 s, then r1 was killed (SIGKILL) and they went on"
                + " for 2 s:");
        TextTable table = new TextTable("client", "gap it saw (ms)");
        double[] gaps = point.gapsMillis();
        for (int i = 0; i < gaps.length; i++) {
            table.row("client " + (i + 1), String.format(Locale.ROOT, "%.0f", gaps[i]));
        }
        table.print(out);
        out.printf(Locale.ROOT, "adds acknowledged: %,d; counter value at the end: %,d; counted twice: %d; client"
                + " errors: %d%n", point.acknowledged(), point.finalValue(), point.duplicateReplies(), point.errors());
        out.println("the new primary: " + point.promotionReport().replaceFirst("^.*?killed at ", "r1 killed at "));
        if (!Double.isNaN(point.notice().afterKillMillis())) {
            out.printf(Locale.ROOT, "its FAILURE notification reached the clients %.0f ms after the kill (%s ms after"
                    + " its promotion)%n", point.notice().afterKillMillis(), FailoverReport.promotedToNotice(point));
        }
        if (point.acknowledged() != point.finalValue() || point.duplicateReplies() != 0 || point.errors() != 0) {
            throw new IllegalStateException("failover act: an add was lost, doubled or failed (see above)");
        }
        out.println("every acknowledged add is in the counter once: the clients never saw the failure.");
    }
}
