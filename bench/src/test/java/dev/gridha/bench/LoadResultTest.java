package dev.gridha.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LoadResultTest {

    private static LoadResult result(int clients, long errors, long... latencies) {
        Histogram histogram = new Histogram(3);
        for (long latency : latencies) {
            histogram.recordValue(latency);
        }
        return new LoadResult(clients, latencies.length, errors, Duration.ofSeconds(1), histogram);
    }

    @Test
    void roundsOfOneMeasurementAddUpToOne() {
        LoadResult first = result(1, 0, 100, 100, 100);
        LoadResult both = first.plus(result(1, 2, 1_000, 1_000, 1_000, 1_000));

        assertThat(both.operations()).isEqualTo(7);
        assertThat(both.errors()).isEqualTo(2);
        assertThat(both.elapsed()).isEqualTo(Duration.ofSeconds(2));
        assertThat(both.p50Micros()).isBetween(999.0, 1_001.0);
        assertThat(first.p50Micros()).as("the parts are left alone").isBetween(99.0, 101.0);
    }

    @Test
    void resultsOfDifferentClientCountsDoNotAdd() {
        assertThatIllegalArgumentException().isThrownBy(() -> result(1, 0, 1).plus(result(4, 0, 1)));
    }
}
