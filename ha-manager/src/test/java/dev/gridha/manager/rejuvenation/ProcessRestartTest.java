package dev.gridha.manager.rejuvenation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real child processes: a restart is a new process of the same command; one ignoring SIGTERM is killed. */
class ProcessRestartTest {

    private final ProcessRestart restarts = new ProcessRestart(Duration.ofMillis(500));

    @AfterEach
    void stop() {
        restarts.close();
    }

    @Test
    void aRestartStopsTheProcessAndStartsTheSameCommandAgain() throws Exception {
        Process first = restarts.start("c", new ProcessBuilder("sleep", "60"));

        restarts.rejuvenate("c");

        Process second = restarts.process("c");
        assertThat(first.isAlive()).isFalse();
        assertThat(second.isAlive()).isTrue();
        assertThat(second.pid()).isNotEqualTo(first.pid());
        assertThat(second.info().commandLine()).hasValueSatisfying(line -> assertThat(line).contains("sleep"));
    }

    @Test
    void aProcessThatIgnoresSigtermIsKilledAfterTheGrace() throws Exception {
        Process stubborn = restarts.start("c", new ProcessBuilder("sh", "-c", "trap '' TERM; while true; do sleep 1; done"));
        Thread.sleep(200); // let the shell install its trap

        restarts.rejuvenate("c");

        assertThat(stubborn.isAlive()).isFalse();
        assertThat(restarts.process("c").isAlive()).isTrue();
    }

    @Test
    void unknownContainersAndCommandsThatCannotStartAreClearErrors() {
        assertThatThrownBy(() -> restarts.rejuvenate("nobody")).hasMessageContaining("no process was started for"
                + " container nobody");
        assertThatThrownBy(() -> restarts.start("x", new ProcessBuilder("/nonexistent/gridha-container")))
                .isInstanceOf(RejuvenationException.class).hasMessageContaining("cannot start container x");
    }
}
