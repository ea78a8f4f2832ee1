package dev.gridha.bench.durability;

import java.util.List;
import java.util.Locale;

import dev.gridha.bench.LoadResult;

/** The durability benchmark's results as Markdown: one row per variant, then the Counter's client sweep. */
public final class DurabilityReport {

    private DurabilityReport() {
    }

    /** @param counterClients the client counts the Counter variants were swept over */
    public static String markdown(List<DurabilityBenchmark.Point> points, List<Integer> counterClients) {
        StringBuilder markdown = new StringBuilder("| deployment | 1 client p50 (us) | p99 (us) | clients |"
                + " throughput (ops/s) | errors |\n|---|---|---|---|---|---|\n");
        for (DurabilityBenchmark.Point p : points) {
            long errors = p.latency().errors() + p.throughputs().stream().mapToLong(LoadResult::errors).sum();
            markdown.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %d | %,.0f | %d |%n",
                    p.variant().label(), p.latency().p50Micros(), p.latency().p99Micros(),
                    p.throughput().clients(), p.throughput().throughputPerSecond(), errors));
        }
        markdown.append("\nThroughput by clients (ops/s):\n\n| deployment |");
        counterClients.forEach(c -> markdown.append(' ').append(c).append(" |"));
        markdown.append("\n|---|").append("---|".repeat(counterClients.size())).append('\n');
        for (DurabilityBenchmark.Point p : points) {
            if (p.variant().service() == DurabilityBenchmark.Service.COUNTER) {
                markdown.append("| ").append(p.variant().label()).append(" |");
                p.throughputs().forEach(t -> markdown.append(String.format(Locale.ROOT, " %,.0f |",
                        t.throughputPerSecond())));
                markdown.append('\n');
            }
        }
        return markdown.append("\nMatchmaker figures are jobSubmit latency and submit+complete cycles per second.")
                .toString();
    }
}
