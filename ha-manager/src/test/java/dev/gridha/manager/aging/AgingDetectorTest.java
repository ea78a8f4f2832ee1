package dev.gridha.manager.aging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class AgingDetectorTest {

    private static final long MIB = 1024 * 1024;
    private static final long MAX = 1024 * MIB;
    /** Threshold 50%, trend over 6 samples, 30 s rejuvenation x 2 = forecast horizon 60 s, 2 in a row. */
    private static final AgingPolicy POLICY = new AgingPolicy(0.5, 6, Duration.ofSeconds(30), 2.0, 2);

    private final AgingDetector detector = new AgingDetector(POLICY);

    @Test
    void aSteadyHeapUnderTheThresholdIsHealthy() {
        for (int i = 0; i < 20; i++) {
            Assessment assessment = detector.observe(sample(i * 5, 300 + (i % 2) * 10));
            assertThat(assessment.aging()).isFalse();
            assertThat(assessment.reason()).startsWith("healthy");
        }
    }

    @Test
    void theThresholdTriggersOnlyWhenItHoldsForTheConfirmationsAsked() {
        detector.observe(sample(0, 300));
        assertThat(detector.observe(sample(5, 600)).aging()).as("one spike").isFalse();
        assertThat(detector.observe(sample(10, 300)).aging()).isFalse();

        Assessment first = detector.observe(sample(15, 520));
        assertThat(first.aging()).isFalse();
        assertThat(first.reason()).contains("threshold", "1 of 2");
        Assessment second = detector.observe(sample(20, 530));
        assertThat(second.aging()).isTrue();
        assertThat(second.reason()).startsWith("threshold: 52% of the heap in use, threshold 50%");
    }

    @Test
    void aSteadyLeakIsForecastBeforeTheThresholdWhenItWouldExhaustTheHeapWithinTheHorizon() {
        // a 95% threshold leaves the forecast to decide: 7 MiB/s from 200 MiB reaches the 1 GiB maximum within
        // the 60 s horizon while the heap is still well under 95%
        AgingDetector forecasting = new AgingDetector(new AgingPolicy(0.95, 6, Duration.ofSeconds(30), 2.0, 2));
        long used = 200;
        Assessment assessment = null;
        int samples = 0;
        while (samples < 100) {
            assessment = forecasting.observe(sample(samples * 5, used));
            samples++;
            if (assessment.aging()) {
                break;
            }
            used += 35; // 7 MiB/s
        }
        assertThat(assessment.aging()).isTrue();
        assertThat(assessment.reason()).startsWith("forecast: heap exhausted in");
        // the line reaches 1024 MiB within 60 s of the last sample, and the heap is not exhausted yet
        assertThat(assessment.millisToExhaustion()).isPresent();
        assertThat(assessment.millisToExhaustion().getAsLong()).isBetween(1L, 60_000L);
        assertThat(used).isLessThan(1024);
        assertThat(assessment.trend().orElseThrow().bytesPerSecond() / MIB).isCloseTo(7.0,
                org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void whenTheThresholdAndTheForecastBothHoldTheReasonNamesBoth() {
        // 14 MiB/s from 400 MiB: past 50% of 1 GiB, and full within the 60 s horizon
        for (int i = 0; i < 3; i++) {
            detector.observe(sample(i * 5, 400 + 70L * i));
        }
        Assessment assessment = detector.observe(sample(15, 610));

        assertThat(assessment.aging()).isTrue();
        assertThat(assessment.reason()).startsWith("threshold: 60% of the heap in use").contains("; forecast: heap"
                + " exhausted in");
    }

    @Test
    void aSawtoothWithoutGrowthForecastsNothing() {
        for (int i = 0; i < 30; i++) {
            Assessment assessment = detector.observe(sample(i * 5, i % 3 == 0 ? 100 : 400));
            assertThat(assessment.aging()).isFalse();
        }
    }

    @Test
    void aTrendOutpacesRejuvenationWhenItWouldFillEvenAnEmptyHeapSoonerThanARejuvenationTakes() {
        AgingPolicy policy = new AgingPolicy(0.5, 6, Duration.ofSeconds(30), 2.0, 2);
        // 1000 bytes of heap: at 50 B/s an empty one fills in 20 s, at 20 B/s in 50 s
        assertThat(policy.outpacedBy(new Trend(50, 500, 0, 1000))).isTrue();
        assertThat(policy.outpacedBy(new Trend(20, 500, 0, 1000))).isFalse();
        assertThat(policy.outpacedBy(new Trend(0, 500, 0, 1000))).as("flat").isFalse();
        assertThat(policy.outpacedBy(new Trend(-50, 500, 0, 1000))).as("shrinking").isFalse();
    }

    @Test
    void samplesOutOfOrderAndBadPoliciesAreRefused() {
        detector.observe(sample(10, 100));
        assertThatThrownBy(() -> detector.observe(sample(10, 100))).hasMessageContaining("time order");
        assertThatThrownBy(() -> new AgingPolicy(1.5, 6, Duration.ofSeconds(1), 2, 2)).hasMessageContaining("threshold");
        assertThatThrownBy(() -> new AgingPolicy(0.5, 2, Duration.ofSeconds(1), 2, 2)).hasMessageContaining("window");
        assertThatThrownBy(() -> new AgingPolicy(0.5, 6, Duration.ZERO, 2, 2)).hasMessageContaining("rejuvenation");
        assertThatThrownBy(() -> new AgingPolicy(0.5, 6, Duration.ofSeconds(1), 0.5, 2)).hasMessageContaining("margin");
        assertThatThrownBy(() -> new AgingPolicy(0.5, 6, Duration.ofSeconds(1), 2, 0)).hasMessageContaining("confirm");
        assertThatThrownBy(() -> new MemorySample(0, -1, 10)).hasMessageContaining("used");
    }

    private static MemorySample sample(long seconds, long usedMib) {
        return new MemorySample(seconds * 1000, usedMib * MIB, MAX);
    }
}
