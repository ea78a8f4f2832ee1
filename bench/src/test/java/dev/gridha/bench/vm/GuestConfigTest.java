package dev.gridha.bench.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class GuestConfigTest {

    private static final Path JAVA = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");

    private static GuestConfig config(Accelerator accelerator, Path app) {
        return new GuestConfig(Path.of("/var/tmp/vm/guest"), 18180, 18181, accelerator, 2, 1536, app, JAVA);
    }

    @Test
    void makeGuestIsAskedForTheGridhaGuestWithEveryChoiceSpelledOut() {
        GuestConfig config = config(Accelerator.TCG, Path.of("/var/tmp/vm/app"));

        assertThat(config.makeGuestCommand(Path.of("bench/vm/make-guest.sh")))
                .containsExactly("bench/vm/make-guest.sh", "/var/tmp/vm/guest", "18180", "--tcg", "--name",
                        "gridha-vm-18180", "--vcpus", "2", "--memory", "1536", "--gridha", "/var/tmp/vm/app",
                        "--service-port", "18181", "--java", JAVA.toString());
    }

    @Test
    void aKvmGuestIsMakeGuestsDefaultAndTheFallbackChangesOnlyTheAccelerator() {
        GuestConfig kvm = config(Accelerator.KVM, Path.of("/var/tmp/vm/app"));

        assertThat(kvm.makeGuestCommand(Path.of("m.sh"))).doesNotContain("--tcg");
        assertThat(kvm.with(Accelerator.TCG)).isEqualTo(config(Accelerator.TCG, Path.of("/var/tmp/vm/app")));
    }

    /** The guest mounts a tmpfs of its own on /tmp, which hides whatever the host has there. */
    @Test
    void theLauncherMustNotBeStagedUnderTmp() {
        assertThatThrownBy(() -> config(Accelerator.TCG, Path.of("/tmp/vm/app")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside /tmp");
    }

    @Test
    void thePageAndTheServiceNeedTwoPortsAndTheGuestEnoughMemoryForTheJvm() {
        Path app = Path.of("/var/tmp/vm/app");
        assertThatThrownBy(() -> new GuestConfig(Path.of("/g"), 18180, 18180, Accelerator.TCG, 1, 1024, app, JAVA))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GuestConfig(Path.of("/g"), 18180, 18181, Accelerator.TCG, 1, 256, app, JAVA))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("512 MiB");
    }

    @Test
    void makeGuestsCannotBeDoneHereStatusesSkipAndTheOthersFail() {
        assertThatThrownBy(() -> GuestUnavailableException.checkMakeGuestStatus(4, "make-guest: missing packages"
                + " (qemu-system-x86) and not root to install them")).isInstanceOf(GuestUnavailableException.class)
                .hasMessage("make-guest: missing packages (qemu-system-x86) and not root to install them");
        assertThatThrownBy(() -> GuestUnavailableException.checkMakeGuestStatus(3, "x"))
                .isInstanceOf(GuestUnavailableException.class);
        assertThatThrownBy(() -> GuestUnavailableException.checkMakeGuestStatus(6, "x"))
                .isInstanceOf(GuestUnavailableException.class);
        assertThatThrownBy(() -> GuestUnavailableException.checkMakeGuestStatus(5, "make-guest: kernel has no"
                + " module virtio")).isInstanceOf(IllegalStateException.class).hasMessageContaining("exit status 5");
        assertThatThrownBy(() -> GuestUnavailableException.checkMakeGuestStatus(1, ""))
                .hasMessageContaining("exited with 1");
    }
}
