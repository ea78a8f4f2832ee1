package dev.gridha.bench.rejuvenation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class OverheadReportTest {

    private static final long SECOND = 1_000_000_000L;

    private static QueryLoad.Window window(long nanos, long answered, long failed, long... latenciesMicros) {
        Histogram latency = new Histogram(3);
        for (long micros : latenciesMicros) {
            latency.recordValue(micros);
        }
        return new QueryLoad.Window(nanos, answered, failed, latency);
    }

    @Test
    void aWindowBetweenTwoReadingsHoldsOnlyWhatHappenedInBetween() {
        QueryLoad.Window warm = window(5 * SECOND, 100, 1, 900, 900);
        QueryLoad.Window later = window(15 * SECOND, 600, 3, 900, 900, 1000, 1000, 3000);

        QueryLoad.Window between = later.since(warm);

        assertThat(between.answered()).isEqualTo(500);
        assertThat(between.failed()).isEqualTo(2);
        assertThat(between.throughput()).isCloseTo(50.0, within(1e-9));
        assertThat(between.latencyMicros().getTotalCount()).isEqualTo(3);
        assertThat(between.latencyMicros().getMinValue()).isEqualTo(1000);
    }

    @Test
    void eachPathIsSummarizedByItsMedianThroughputAndItsLatenciesTogether() {
        List<OverheadReport.Summary> summaries = OverheadReport.summarize(List.of(
                new OverheadBenchmark.Sample("direct", 1, window(SECOND, 100, 0, 1000)),
                new OverheadBenchmark.Sample("balancer", 1, window(SECOND, 90, 0, 2000)),
                new OverheadBenchmark.Sample("direct", 2, window(SECOND, 300, 0, 1000)),
                new OverheadBenchmark.Sample("balancer", 2, window(SECOND, 95, 1, 2000)),
                new OverheadBenchmark.Sample("direct", 3, window(SECOND, 110, 0, 1000)),
                new OverheadBenchmark.Sample("balancer", 3, window(SECOND, 99, 0, 2000))));

        assertThat(summaries).extracting(OverheadReport.Summary::path).containsExactly("direct", "balancer");
        assertThat(summaries.get(0).medianThroughput()).isEqualTo(110.0); // one fast round does not move it
        assertThat(summaries.get(1).answered()).isEqualTo(284);
        assertThat(summaries.get(1).failed()).isEqualTo(1);
        assertThat(summaries.get(1).latencyMicros().getTotalCount()).isEqualTo(3);
        assertThat(OverheadReport.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }

    @Test
    void theReportGivesEachPathsOverheadAgainstTheFirst() {
        String markdown = OverheadReport.markdown(List.of(
                new OverheadBenchmark.Sample("direct", 1, window(SECOND, 200, 0, 1000)),
                new OverheadBenchmark.Sample("balancer + probes", 1, window(SECOND, 194, 0, 1100))), 4, 5, 20, 1);

        assertThat(markdown).contains("| direct | 200.0 | - |", "| balancer + probes | 194.0 | 3.0% |",
                "Seed Table 2");
        assertThat(OverheadReport.ratio(List.of(
                new OverheadBenchmark.Sample("direct", 1, window(SECOND, 200, 0, 1000)),
                new OverheadBenchmark.Sample("balancer + probes", 1, window(SECOND, 194, 0, 1100))),
                "balancer + probes")).isCloseTo(0.97, within(1e-9));
    }
}
