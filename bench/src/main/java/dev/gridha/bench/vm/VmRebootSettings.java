package dev.gridha.bench.vm;

import java.time.Duration;

/**
 * What {@code ./gridha bench vmreboot} was asked for, checked in one place so a mistake is refused with one line
 * before anything is installed or booted.
 *
 * @param tcg              {@code --tcg}: software emulation only (the same as {@code --kvm never})
 * @param kvm              {@code --kvm}: auto, always or never
 * @param pagePort         the host's port for the guest init's page; the data service gets the next one
 * @param bootLimitSeconds how long the guest may take to serve the data service, at the first boot and after the
 *                         reboot
 * @param kvmBootLimitSeconds how long a KVM guest may take to show its page before TCG is tried instead
 */
public record VmRebootSettings(int clients, int beforeSeconds, int afterSeconds, int vcpus, int memoryMib,
                               int pagePort, int bootLimitSeconds, int kvmBootLimitSeconds, boolean tcg, String kvm) {

    public VmRebootSettings {
        if (clients < 1 || clients > 64 || beforeSeconds < 1 || afterSeconds < 1) {
            throw new IllegalArgumentException("--clients 1..64, --before and --after >= 1");
        }
        if (vcpus < 1 || vcpus > 9 || memoryMib < 512) {
            throw new IllegalArgumentException("--vcpus 1..9 and --memory >= 512 (MiB)");
        }
        if (pagePort < 1024 || pagePort > 65534) {
            throw new IllegalArgumentException("--port 1024..65534 (the data service gets the next port)");
        }
        if (bootLimitSeconds < 10 || kvmBootLimitSeconds < 5) {
            throw new IllegalArgumentException("--boot-limit >= 10 and --kvm-boot-limit >= 5 (seconds)");
        }
        AcceleratorChoice.Policy policy = AcceleratorChoice.Policy.parse(kvm);
        if (tcg && policy == AcceleratorChoice.Policy.ALWAYS) {
            throw new IllegalArgumentException("--tcg and --kvm always contradict each other");
        }
    }

    /** What the user asked of KVM. */
    public AcceleratorChoice.Policy policy() {
        return tcg ? AcceleratorChoice.Policy.NEVER : AcceleratorChoice.Policy.parse(kvm);
    }

    public int servicePort() {
        return pagePort + 1;
    }

    public Duration bootLimit() {
        return Duration.ofSeconds(bootLimitSeconds);
    }

    /** How long the first boot waits for the guest's page under {@code accelerator}. */
    public Duration pageLimit(Accelerator accelerator) {
        return accelerator == Accelerator.KVM ? Duration.ofSeconds(kvmBootLimitSeconds) : bootLimit();
    }
}
