package dev.gridha.manager.watchdog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.gridha.manager.watchdog.Watchdog.Verdict;

class WatchdogTest {

    private final Watchdog watchdog = new Watchdog(3);

    @Test
    void failuresShortOfTheLimitInARowAreOnlySuspicion() {
        assertThat(watchdog.checked(false)).isEqualTo(Verdict.SUSPECTED);
        assertThat(watchdog.checked(false)).isEqualTo(Verdict.SUSPECTED);
        assertThat(watchdog.checked(true)).isEqualTo(Verdict.ALIVE); // a slow collection, not a crash
        assertThat(watchdog.checked(false)).isEqualTo(Verdict.SUSPECTED);
        assertThat(watchdog.dead()).isFalse();
    }

    @Test
    void theLimitInARowKillsItOnceAndOneAnswerRevivesIt() {
        watchdog.checked(false);
        watchdog.checked(false);
        assertThat(watchdog.checked(false)).isEqualTo(Verdict.DIED);
        assertThat(watchdog.checked(false)).isEqualTo(Verdict.DEAD);
        assertThat(watchdog.dead()).isTrue();
        assertThat(watchdog.checked(true)).isEqualTo(Verdict.REVIVED);
        assertThat(watchdog.checked(true)).isEqualTo(Verdict.ALIVE);
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> new Watchdog(0)).hasMessageContaining("at least one");
    }
}
