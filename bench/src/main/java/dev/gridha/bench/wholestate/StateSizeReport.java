package dev.gridha.bench.wholestate;

import java.util.List;
import java.util.Locale;

/** The state-size benchmark's results as Markdown: per size, each transport's latency and its ratio. */
public final class StateSizeReport {

    private StateSizeReport() {
    }

    public static String markdown(List<StateSizeBenchmark.Point> points) {
        StringBuilder markdown = new StringBuilder("| state | unreplicated p50 (us) |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (var transport : StateSizeBenchmark.TRANSPORTS) {
            String label = StateSizeBenchmark.label(transport);
            markdown.append(' ').append(label).append(" p50 (us) | ").append(label).append(" p99 (us) | ")
                    .append(label).append(" ratio |");
            rule.append("---|---|---|");
        }
        markdown.append('\n').append(rule).append('\n');
        for (StateSizeBenchmark.Point p : points) {
            markdown.append(String.format(Locale.ROOT, "| %,d B | %.0f |", p.stateBytes(),
                    p.unreplicated().p50Micros()));
            p.replicated().forEach((transport, result) -> markdown.append(String.format(Locale.ROOT,
                    " %.0f | %.0f | %.2f |", result.p50Micros(), result.p99Micros(),
                    result.p50Micros() / p.unreplicated().p50Micros())));
            markdown.append('\n');
        }
        return markdown.toString();
    }
}
