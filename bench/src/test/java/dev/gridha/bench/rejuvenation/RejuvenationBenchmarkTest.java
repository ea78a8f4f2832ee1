package dev.gridha.bench.rejuvenation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class RejuvenationBenchmarkTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void downtimeIsTheLongestTimeWithoutAnAnswerIncludingBeforeTheFirstAndAfterTheLast() {
        // answers at 1, 2, 6 and 7 s of a run from 0 to 8 s: the 4 s hole is the downtime
        assertThat(RejuvenationBenchmark.longestGapSeconds(List.of(2 * SECOND, SECOND, 7 * SECOND, 6 * SECOND), 0,
                8 * SECOND)).isCloseTo(4.0, within(1e-9));
        // no answer at all: the whole run
        assertThat(RejuvenationBenchmark.longestGapSeconds(List.of(), 0, 3 * SECOND)).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void theReportPutsEachRunBesideTheSeedsFigure() {
        String markdown = RejuvenationReport.markdown(List.of(
                new RejuvenationBenchmark.Run("rejuvenation", 1000, 0, 0.05, 50.0, 12.0),
                new RejuvenationBenchmark.Run("service restart", 600, 40, 14.2, 30.0, 14.0)), 4, 10, 30);

        assertThat(markdown).contains("| rejuvenation | 0 / 0 s | 0 | 0.05 | 1,000 | 50.0 | 12.0 |",
                "| service restart | 70 / 25.5 s | 40 | 14.20 | 600 | 30.0 | 14.0 |");
    }
}
