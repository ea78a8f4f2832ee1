package dev.gridha.bench.vm;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a KVM guest can be expected to boot here, judged from {@code /dev/kvm} and {@code /sys/module} before
 * any boot is tried. A {@code /dev/kvm} served by the nested PVM hypervisor ({@code kvm_pvm}) boots no stock
 * kernel (bench/vm/README.md has the errors), and nothing short of a boot shows that, so its module is the sign.
 */
public final class KvmUsability {

    /** The judgement and why, in words for the benchmark's output. */
    public record Verdict(boolean usable, String reason) {
    }

    private KvmUsability() {
    }

    /** @param root the file system's root: {@code /}, or a folder laid out like it in a test */
    public static Verdict at(Path root) {
        if (!Files.exists(root.resolve("dev/kvm"))) {
            return new Verdict(false, "no /dev/kvm on this machine");
        }
        Path modules = root.resolve("sys/module");
        if (Files.isDirectory(modules.resolve("kvm_pvm"))) {
            return new Verdict(false, "/dev/kvm is the nested PVM hypervisor (kvm_pvm), which boots no stock guest"
                    + " kernel");
        }
        for (String vendor : new String[] {"kvm_intel", "kvm_amd"}) {
            if (Files.isDirectory(modules.resolve(vendor))) {
                return new Verdict(true, "/dev/kvm is served by " + vendor);
            }
        }
        // a KVM built into the kernel shows no vendor module; only a boot can tell then
        return new Verdict(true, "/dev/kvm exists (no kvm_intel or kvm_amd module seen: KVM may be built in)");
    }
}
