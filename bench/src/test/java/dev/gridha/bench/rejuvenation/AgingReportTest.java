package dev.gridha.bench.rejuvenation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class AgingReportTest {

    @Test
    void theHeapStatisticsKeepTheMeanLiveHeapAndThePeakFraction() {
        AgingBenchmark.HeapStatistics heap = new AgingBenchmark.HeapStatistics();
        heap.add(new AgingBenchmark.Heap(100, 1000));
        heap.add(new AgingBenchmark.Heap(700, 1000));
        heap.add(new AgingBenchmark.Heap(100, 500));

        assertThat(heap.mean()).isEqualTo(300.0);
        assertThat(heap.peak()).isEqualTo(0.7);
        assertThat(heap.last()).isEqualTo(0.2);
        assertThat(heap.count()).isEqualTo(3);
        assertThatThrownBy(() -> new AgingBenchmark.Heap(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachRunStandsBesideTheSeedsTableWithWhatTheManagerDid() {
        Histogram aged = new Histogram(3);
        aged.recordValue(40_000);
        Histogram managed = new Histogram(3);
        managed.recordValue(2_000);
        String markdown = AgingReport.markdown(List.of(
                new AgingReport.Row(new AgingBenchmark.Run("left to age", 900, 25, 3.75, aged, 200.0 * (1 << 20), 0.99,
                        240), List.of()),
                new AgingReport.Row(new AgingBenchmark.Run("under the HA manager", 90_000, 0, 375.0, managed,
                        60.0 * (1 << 20), 0.52, 230), List.of("c1 rejuvenation: starting (forecast: ...)"))),
                4, 2048, "256m", 240);

        assertThat(markdown).contains("| left to age | 40.02 | 40.0 | 3.8 | 200.0 | 99% | 25 | 900 | 0 |",
                "| under the HA manager | 2.00 | 2.0 | 375.0 | 60.0 | 52% | 0 | 90,000 | 1 |",
                "Seed Table 5", "- c1 rejuvenation: starting (forecast: ...)");
    }
}
