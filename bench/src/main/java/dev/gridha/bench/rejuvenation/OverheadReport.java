package dev.gridha.bench.rejuvenation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;

/** The overhead benchmark's samples as Markdown, each path against the first, beside the seed's Table 2. */
public final class OverheadReport {

    private OverheadReport() {
    }

    /** One path's samples together. */
    record Summary(String path, double medianThroughput, long answered, long failed, Histogram latencyMicros) {
    }

    static List<Summary> summarize(List<OverheadBenchmark.Sample> samples) {
        Map<String, List<OverheadBenchmark.Sample>> byPath = new LinkedHashMap<>();
        samples.forEach(sample -> byPath.computeIfAbsent(sample.path(), path -> new ArrayList<>()).add(sample));
        List<Summary> summaries = new ArrayList<>();
        byPath.forEach((path, ofPath) -> {
            Histogram latency = new Histogram(3);
            long answered = 0;
            long failed = 0;
            List<Double> throughputs = new ArrayList<>();
            for (OverheadBenchmark.Sample sample : ofPath) {
                latency.add(sample.window().latencyMicros());
                answered += sample.window().answered();
                failed += sample.window().failed();
                throughputs.add(sample.window().throughput());
            }
            summaries.add(new Summary(path, median(throughputs), answered, failed, latency));
        });
        return summaries;
    }

    /**
     * The performance ratio q of the seed's break-even model: {@code path}'s median throughput over the first
     * path's.
     */
    public static double ratio(List<OverheadBenchmark.Sample> samples, String path) {
        List<Summary> summaries = summarize(samples);
        double reference = summaries.get(0).medianThroughput();
        return summaries.stream().filter(summary -> summary.path().equals(path)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no path " + path)).medianThroughput() / reference;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    public static String markdown(List<OverheadBenchmark.Sample> samples, int clients, long warmupSeconds,
                                  long windowSeconds, int rounds) {
        List<Summary> summaries = summarize(samples);
        StringBuilder markdown = new StringBuilder(String.format(Locale.ROOT, "%d clients querying the data service"
                + " back to back; %d rounds, each measuring every path for %d s after %d s of warm-up on it.%n%n",
                clients, rounds, windowSeconds, warmupSeconds));
        markdown.append("| path | median throughput (queries/s) | throughput overhead | mean latency (ms) | p50 (ms)"
                + " | p99 (ms) | answered | failed |\n|---|---|---|---|---|---|---|---|\n");
        double reference = summaries.isEmpty() ? 0 : summaries.get(0).medianThroughput();
        for (Summary summary : summaries) {
            Histogram latency = summary.latencyMicros();
            markdown.append(String.format(Locale.ROOT, "| %s | %.1f | %s | %.2f | %.2f | %.2f | %,d | %,d |%n",
                    summary.path(), summary.medianThroughput(), summary == summaries.get(0) ? "-"
                            : String.format(Locale.ROOT, "%.1f%%", 100 * (1 - summary.medianThroughput() / reference)),
                    latency.getMean() / 1000, latency.getValueAtPercentile(50) / 1000.0,
                    latency.getValueAtPercentile(99) / 1000.0, summary.answered(), summary.failed()));
        }
        markdown.append("\nSeed Table 2 (OGSA-DAI, 10-minute burst runs): on the OS 7.94 req/s; on Xen 7.14 (10.2%"
                + " overhead); Xen with the rejuvenation framework 6.97 (14%, i.e. ~2% for the framework itself)."
                + " The overhead here is 1 - (median throughput of the path) / (that of the first path).\n");
        return markdown.toString();
    }
}
