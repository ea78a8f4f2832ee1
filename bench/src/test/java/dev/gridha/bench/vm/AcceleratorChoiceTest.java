package dev.gridha.bench.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AcceleratorChoiceTest {

    private static final KvmUsability.Verdict USABLE = new KvmUsability.Verdict(true, "/dev/kvm is served by kvm_amd");
    private static final KvmUsability.Verdict PVM = new KvmUsability.Verdict(false, "PVM (kvm_pvm)");

    @Test
    void autoTakesKvmOnlyWhereItLooksUsableAndSaysWhyNot() {
        assertThat(AcceleratorChoice.decide(AcceleratorChoice.Policy.AUTO, USABLE).accelerator())
                .isEqualTo(Accelerator.KVM);
        AcceleratorChoice fallback = AcceleratorChoice.decide(AcceleratorChoice.Policy.AUTO, PVM);
        assertThat(fallback.accelerator()).isEqualTo(Accelerator.TCG);
        assertThat(fallback.why()).contains("TCG", "kvm_pvm");
    }

    @Test
    void alwaysAndNeverOverrideWhatTheMachineLooksLike() {
        assertThat(AcceleratorChoice.decide(AcceleratorChoice.Policy.ALWAYS, PVM).accelerator())
                .isEqualTo(Accelerator.KVM);
        assertThat(AcceleratorChoice.decide(AcceleratorChoice.Policy.NEVER, USABLE).accelerator())
                .isEqualTo(Accelerator.TCG);
    }

    @Test
    void thePolicyIsReadCaseAsideAndAnythingElseIsRefusedInOneLine() {
        assertThat(AcceleratorChoice.Policy.parse(" Always ")).isEqualTo(AcceleratorChoice.Policy.ALWAYS);
        assertThatThrownBy(() -> AcceleratorChoice.Policy.parse("yes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--kvm is auto, always or never, not 'yes'");
    }

    @Test
    void theDomainTypeOfSoftwareEmulationIsQemu() {
        assertThat(Accelerator.TCG.domainType()).isEqualTo("qemu");
        assertThat(Accelerator.KVM.domainType()).isEqualTo("kvm");
    }
}
