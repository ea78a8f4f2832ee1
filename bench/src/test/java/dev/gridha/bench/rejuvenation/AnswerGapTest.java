package dev.gridha.bench.rejuvenation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class AnswerGapTest {

    private static final long SECOND = 1_000_000_000L;

    /** The longest silence over a run from 0 to {@code ended} that overlaps one intervention. */
    private static AnswerGap around(List<Long> answers, long ended, long start, long end) {
        return AnswerGap.longestOverlapping(answers, 0, ended, List.of(new AnswerGap.Interval(start, end)));
    }

    @Test
    void theDowntimeRunsFromTheLastAnswerBeforeTheRebootToTheFirstAfterIt() {
        // answers at 1, 2, 3 s; the reboot at 3.5 s, an answer that beat the power-off at 3.6 s; back at 40 s
        List<Long> answers = List.of(3 * SECOND, SECOND, 2 * SECOND, 36 * SECOND / 10, 40 * SECOND, 41 * SECOND);

        AnswerGap gap = around(answers, 50 * SECOND, 35 * SECOND / 10, 40 * SECOND);

        assertThat(gap.from()).isEqualTo(36 * SECOND / 10);
        assertThat(gap.to()).isEqualTo(40 * SECOND);
        assertThat(gap.seconds()).isCloseTo(36.4, within(1e-9));
    }

    @Test
    void aLongerSilenceAwayFromTheRebootIsNotItsDowntime() {
        // a 5 s pause of the machine from 5 to 10 s; the reboot between 20 and 22 s
        List<Long> answers = List.of(5 * SECOND, 10 * SECOND, 20 * SECOND, 22 * SECOND, 23 * SECOND);

        assertThat(around(answers, 30 * SECOND, 20 * SECOND + 1, 22 * SECOND).seconds())
                .isCloseTo(2.0, within(1e-9));
    }

    @Test
    void aServiceThatNeverCameBackIsSilentUntilTheEnd() {
        List<Long> answers = List.of(SECOND, 2 * SECOND);

        AnswerGap gap = around(answers, 60 * SECOND, 3 * SECOND, 60 * SECOND);

        assertThat(gap).isEqualTo(new AnswerGap(2 * SECOND, 60 * SECOND));
    }
}
