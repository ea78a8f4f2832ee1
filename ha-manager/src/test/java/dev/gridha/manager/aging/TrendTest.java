package dev.gridha.manager.aging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TrendTest {

    @Test
    void aLineThroughTheSamplesGivesItsSlopeAndWhenItReachesTheMaximum() {
        // 1000 bytes/s from 0, max 100,000: the last sample at t=4 s is at 4,000; 96 s left
        Trend trend = Trend.fit(List.of(new MemorySample(0, 0, 100_000), new MemorySample(2000, 2000, 100_000),
                new MemorySample(4000, 4000, 100_000)));
        assertThat(trend.bytesPerSecond()).isEqualTo(1000.0);
        assertThat(trend.fittedUsed()).isEqualTo(4000.0);
        assertThat(trend.millisToExhaustion()).hasValue(96_000);
    }

    @Test
    void noiseAroundAFlatLineNeverExhausts() {
        Trend trend = Trend.fit(List.of(new MemorySample(0, 500, 1000), new MemorySample(1000, 400, 1000),
                new MemorySample(2000, 500, 1000), new MemorySample(3000, 400, 1000)));
        assertThat(trend.bytesPerSecond()).isNegative();
        assertThat(trend.millisToExhaustion()).isEmpty();
    }
}
