package dev.gridha.container.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class FailureDetectorTest {

    private static final long MS = 1_000_000L;

    @Test
    void suspectsOnlyAfterMoreThanTheTimeoutOfSilence() {
        FailureDetector detector = new FailureDetector(Duration.ofMillis(200), 1_000 * MS);
        assertThat(detector.suspects(1_200 * MS)).isFalse();
        assertThat(detector.suspects(1_201 * MS)).isTrue();

        detector.heard(1_150 * MS);
        assertThat(detector.suspects(1_300 * MS)).isFalse();
        assertThat(detector.silenceNanos(1_300 * MS)).isEqualTo(150 * MS);
    }

    @Test
    void lateEvidenceNeverMovesTheClockBack() {
        FailureDetector detector = new FailureDetector(Duration.ofMillis(200), 0);
        detector.heard(500 * MS);
        detector.heard(100 * MS);
        assertThat(detector.suspects(650 * MS)).isFalse();
    }

    @Test
    void restartingGivesANewPeerAFullTimeout() {
        FailureDetector detector = new FailureDetector(Duration.ofMillis(200), 0);
        assertThat(detector.suspects(300 * MS)).isTrue();
        detector.restart(300 * MS);
        assertThat(detector.suspects(500 * MS)).isFalse();
    }
}
