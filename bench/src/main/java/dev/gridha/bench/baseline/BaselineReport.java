package dev.gridha.bench.baseline;

import java.util.List;
import java.util.Locale;

/** Formats baseline points as the Markdown table kept in docs/BENCHMARKS.md. */
public final class BaselineReport {

    private BaselineReport() {
    }

    public static String markdown(List<BaselineBenchmark.Point> points) {
        StringBuilder md = new StringBuilder();
        md.append("| operation | client transport | clients | p50 (us) | p99 (us) | mean (us) | ops/s | errors |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (BaselineBenchmark.Point p : points) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.0f | %.0f | %.0f | %,.0f | %d |%n",
                    p.operation(), p.transport().label(), p.result().clients(), p.result().p50Micros(),
                    p.result().p99Micros(), p.result().meanMicros(), p.result().throughputPerSecond(),
                    p.result().errors()));
        }
        return md.toString();
    }
}
