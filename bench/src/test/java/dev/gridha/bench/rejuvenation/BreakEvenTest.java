package dev.gridha.bench.rejuvenation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BreakEvenTest {

    @Test
    void reproducesTheSeedsTable4() {
        // rv = 0, rp = 12.5 s: 0.857 0.889 0.909 0.923 0.976 0.994 0.996
        double[] seed = {0.857, 0.889, 0.909, 0.923, 0.976, 0.994, 0.996};
        for (int i = 0; i < seed.length; i++) {
            assertThat(BreakEven.qmin(BreakEven.SEED_TIMES.get(i), 0, 12.5)).isCloseTo(seed[i], within(0.0006));
        }
        assertThatThrownBy(() -> BreakEven.qmin(0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBreakEvenTimeIsWhereQminMeetsTheMeasuredRatio() {
        double t = BreakEven.breakEvenTime(0.877, 0, 12.5); // the seed's VM-Rejuv ratio
        assertThat(BreakEven.qmin(t, 0, 12.5)).isCloseTo(0.877, within(1e-9));
        assertThat(t).isCloseTo(89.1, within(0.1));
        assertThat(BreakEven.breakEvenTime(1.0, 0.3, 9.6)).isInfinite();
    }

    @Test
    void theReportNamesTheRecoveryTimesAndTheBreakEven() {
        assertThat(BreakEven.markdown(0.98, 0.3, 9.6)).contains("rv = 0.30 s", "rp = 9.6 s", "| qmin |",
                "q = 0.980", "under 455 s");
        assertThat(BreakEven.markdown(1.01, 0.3, 9.6)).contains("at any MTTF");
    }
}
