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
    void theDowntimeAtAnInterventionIsTheLongestGapThatOverlapsOneAndNoOther() {
        // answers at 1, 2, 6, 7, 7.5 s and 9 s of a run from 0 to 10 s; an intervention from 2.5 to 3 s
        List<Long> answers = List.of(SECOND, 2 * SECOND, 6 * SECOND, 7 * SECOND, 7 * SECOND + SECOND / 2, 9 * SECOND);
        List<AnswerGap.Interval> at = List.of(new AnswerGap.Interval(
                2 * SECOND + SECOND / 2, 3 * SECOND));

        assertThat(RejuvenationBenchmark.longestGapSeconds(answers, 0, 10 * SECOND, at)).isCloseTo(4.0, within(1e-9));
        // an intervention between 7 and 7.5 s meets only the half-second gap; the 4 s one is the machine's
        assertThat(RejuvenationBenchmark.longestGapSeconds(answers, 0, 10 * SECOND, List.of(
                new AnswerGap.Interval(7 * SECOND + 1, 7 * SECOND + 2)))).isCloseTo(0.5, within(1e-9));
        assertThat(RejuvenationBenchmark.longestGapSeconds(answers, 0, 10 * SECOND, List.of())).isZero();
    }

    @Test
    void theReportPutsEachRunBesideTheSeedsFigure() {
        String markdown = RejuvenationReport.markdown(List.of(
                new RejuvenationBenchmark.Run("rejuvenation", 1000, 0, 0.30, 0.05, 50.0, 12.0),
                new RejuvenationBenchmark.Run("service restart", 600, 40, 14.2, 14.2, 30.0, 14.0)), 4, 10, 30);

        assertThat(markdown).contains("| rejuvenation | 0 / 0 s | 0 | 0.05 | 0.30 | 1,000 | 50.0 | 12.0 |",
                "| service restart | 70 / 25.5 s | 40 | 14.20 | 14.20 | 600 | 30.0 | 14.0 |");
    }
}
