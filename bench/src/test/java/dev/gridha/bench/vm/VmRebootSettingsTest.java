package dev.gridha.bench.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class VmRebootSettingsTest {

    private static VmRebootSettings settings(boolean tcg, String kvm) {
        return new VmRebootSettings(4, 30, 60, 2, 1536, 18180, 600, 60, tcg, kvm);
    }

    @Test
    void tcgIsTheSameAsKvmNeverAndContradictsKvmAlways() {
        assertThat(settings(true, "auto").policy()).isEqualTo(AcceleratorChoice.Policy.NEVER);
        assertThat(settings(false, "auto").policy()).isEqualTo(AcceleratorChoice.Policy.AUTO);
        assertThat(settings(true, "never").policy()).isEqualTo(AcceleratorChoice.Policy.NEVER);
        assertThatThrownBy(() -> settings(true, "always")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contradict");
        assertThatThrownBy(() -> settings(false, "maybe")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--kvm is auto, always or never");
    }

    @Test
    void aKvmGuestGetsTheShortLimitToShowItsPageAndTcgTheWholeBootLimit() {
        VmRebootSettings settings = settings(false, "auto");

        assertThat(settings.pageLimit(Accelerator.KVM)).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.pageLimit(Accelerator.TCG)).isEqualTo(Duration.ofSeconds(600));
        assertThat(settings.servicePort()).isEqualTo(18181);
    }

    @Test
    void outOfRangeValuesAreRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> new VmRebootSettings(0, 30, 60, 2, 1536, 18180, 600, 60, true, "auto"))
                .hasMessageContaining("--clients");
        assertThatThrownBy(() -> new VmRebootSettings(4, 30, 60, 2, 256, 18180, 600, 60, true, "auto"))
                .hasMessageContaining("--memory");
        assertThatThrownBy(() -> new VmRebootSettings(4, 30, 60, 2, 1536, 65535, 600, 60, true, "auto"))
                .hasMessageContaining("--port");
        assertThatThrownBy(() -> new VmRebootSettings(4, 30, 60, 2, 1536, 18180, 5, 60, true, "auto"))
                .hasMessageContaining("--boot-limit");
    }
}
