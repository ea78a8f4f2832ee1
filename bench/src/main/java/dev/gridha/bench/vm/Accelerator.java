package dev.gridha.bench.vm;

/** How the guest's CPU runs: on the host's KVM, or emulated by QEMU (TCG), which works anywhere but slower. */
public enum Accelerator {
    KVM("kvm"),
    TCG("qemu");

    private final String domainType;

    Accelerator(String domainType) {
        this.domainType = domainType;
    }

    /** libvirt's {@code <domain type=...>} for it. */
    public String domainType() {
        return domainType;
    }
}
