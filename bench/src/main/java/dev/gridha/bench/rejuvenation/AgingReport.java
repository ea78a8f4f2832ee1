package dev.gridha.bench.rejuvenation;

import java.util.List;
import java.util.Locale;

import org.HdrHistogram.Histogram;

/** The aging benchmark's runs as Markdown, beside the seed's Table 5. */
public final class AgingReport {

    /**
     * A run and what the manager did in it.
     *
     * @param actions each rejuvenation or recovery the manager started, with why (its event text)
     */
    public record Row(AgingBenchmark.Run run, List<String> actions) {
        public Row {
            actions = List.copyOf(actions);
        }
    }

    private AgingReport() {
    }

    public static String markdown(List<Row> rows, int clients, long leakBytesPerQuery, String heap, long seconds) {
        StringBuilder markdown = new StringBuilder(String.format(Locale.ROOT, "%d clients querying the data service"
                + " back to back for %d s through the balancer; the service keeps %,d bytes of every query for good"
                + " (the leak); each container's heap -Xmx%s.%n%n", clients, seconds, leakBytesPerQuery, heap));
        markdown.append("| run | mean latency (ms) | p99 (ms) | throughput (queries/s) | mean live heap (MiB) | peak live"
                + " heap | missed (failed) queries | answered | manager actions |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            AgingBenchmark.Run run = row.run();
            Histogram latency = run.latencyMicros();
            markdown.append(String.format(Locale.ROOT, "| %s | %.2f | %.1f | %.1f | %.1f | %.0f%% | %,d | %,d | %d |%n",
                    run.name(), latency.getMean() / 1000, latency.getValueAtPercentile(99) / 1000.0, run.throughput(),
                    run.meanLiveHeap() / (1 << 20), 100 * run.peakFraction(), run.failed(), run.answered(),
                    row.actions().size()));
        }
        markdown.append("\nSeed Table 5 (OGSA-DAI, 1 hour): normal execution 29,013 ms mean latency, 0.105 req/s,"
                + " 1,100,784 B mean memory, 25 missed requests; with rejuvenation 9,050 ms, 0.345 req/s, 313,384 B, 0"
                + " missed.\n");
        for (Row row : rows) {
            if (!row.actions().isEmpty()) {
                markdown.append("\n").append(row.run().name()).append(", what the manager did:\n\n");
                row.actions().forEach(action -> markdown.append("- ").append(action).append('\n'));
            }
        }
        return markdown.toString();
    }
}
