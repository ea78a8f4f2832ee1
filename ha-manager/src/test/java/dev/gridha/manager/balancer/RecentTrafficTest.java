package dev.gridha.manager.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class RecentTrafficTest {

    private long now;
    private final RecentTraffic traffic = new RecentTraffic(TimeUnit.SECONDS.toNanos(5), () -> now);

    @Test
    void aSteadyStreamShowsItsRateAndLatencyAndFadesWhenItStops() {
        assertThat(traffic.requestsPerSecond()).isZero();
        assertThat(traffic.meanLatencyMillis()).isNaN();

        for (int i = 0; i < 60 * 100; i++) { // 100 answers a second for a minute, 2 ms each
            now += TimeUnit.MILLISECONDS.toNanos(10);
            traffic.answered(TimeUnit.MILLISECONDS.toNanos(2));
        }
        assertThat(traffic.requestsPerSecond()).isCloseTo(100, within(1.0));
        assertThat(traffic.meanLatencyMillis()).isCloseTo(2.0, within(1e-9));

        now += TimeUnit.SECONDS.toNanos(5); // silent for one time constant
        assertThat(traffic.requestsPerSecond()).isCloseTo(100 / Math.E, within(1.0));
    }

    @Test
    void theMeanLatencyFollowsTheRecentAnswers() {
        for (int i = 0; i < 1000; i++) {
            now += TimeUnit.MILLISECONDS.toNanos(10);
            traffic.answered(TimeUnit.MILLISECONDS.toNanos(1));
        }
        for (int i = 0; i < 3000; i++) { // 30 s of slower answers: six time constants
            now += TimeUnit.MILLISECONDS.toNanos(10);
            traffic.answered(TimeUnit.MILLISECONDS.toNanos(9));
        }
        assertThat(traffic.meanLatencyMillis()).isCloseTo(9.0, within(0.05));
    }
}
