package dev.gridha.container.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PauseTriggerTest {

    private final AtomicBoolean backedUp = new AtomicBoolean(true);

    private static List<Boolean> pass(PauseTrigger trigger, ProtocolStep step, int times) {
        List<Boolean> stops = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            stops.add(trigger.passes(step));
        }
        return stops;
    }

    @Test
    void stopsAtTheNthPassOfItsStepAndAtEveryPassAfterIt() {
        PauseTrigger trigger = new PauseTrigger(ProtocolStep.BEFORE_REPLY, 3, backedUp::get);

        assertThat(pass(trigger, ProtocolStep.BEFORE_REPLY, 5)).containsExactly(false, false, true, true, true);
    }

    @Test
    void passesOfTheOtherStepsNeitherStopNorCount() {
        PauseTrigger trigger = new PauseTrigger(ProtocolStep.DURING_REPLY, 2, backedUp::get);

        for (ProtocolStep other : List.of(ProtocolStep.BEFORE_EXECUTION, ProtocolStep.BEFORE_STATE_UPDATE,
                ProtocolStep.BEFORE_REPLY)) {
            assertThat(pass(trigger, other, 10)).as(other.name()).containsOnly(false);
        }
        assertThat(pass(trigger, ProtocolStep.DURING_REPLY, 2)).containsExactly(false, true);
    }

    @Test
    void passesWhileTheProcessIsNotBackedUpNeitherStopNorCountAndCountingGoesOnAfter() {
        PauseTrigger trigger = new PauseTrigger(ProtocolStep.BEFORE_STATE_UPDATE, 3, backedUp::get);
        assertThat(pass(trigger, ProtocolStep.BEFORE_STATE_UPDATE, 2)).containsOnly(false);

        backedUp.set(false); // a group lost its last backup: stopping now would leave it no one to take over
        assertThat(pass(trigger, ProtocolStep.BEFORE_STATE_UPDATE, 20)).containsOnly(false);

        backedUp.set(true);
        assertThat(trigger.passes(ProtocolStep.BEFORE_STATE_UPDATE)).isTrue();
    }

    @Test
    void anUnsetOrBlankPropertyArmsNothing() {
        assertThat(PauseTrigger.parse(null, backedUp::get)).isEmpty();
        assertThat(PauseTrigger.parse("  ", backedUp::get)).isEmpty();
    }

    @Test
    void stepAndPassAreReadFromStepAtN() {
        PauseTrigger trigger = PauseTrigger.parse(" BEFORE_REPLY@25 ", backedUp::get).orElseThrow();

        assertThat(trigger.step()).isEqualTo(ProtocolStep.BEFORE_REPLY);
        assertThat(trigger.pass()).isEqualTo(25);
    }

    @ParameterizedTest
    @ValueSource(strings = {"BEFORE_REPLY", "BEFORE_REPLY@", "@25", "AFTER_LUNCH@3", "before_reply@3",
            "BEFORE_REPLY@0", "BEFORE_REPLY@-2", "BEFORE_REPLY@x", "BEFORE_REPLY@2@3"})
    void aMalformedValueIsRefusedNamingThePropertyAndTheExpectedForm(String value) {
        assertThatThrownBy(() -> PauseTrigger.parse(value, backedUp::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gridha.chaos.pause-at = '" + value + "'")
                .hasMessageContaining("STEP@N");
    }
}
