package dev.gridha.bench.vm;

import java.util.Locale;

/**
 * Which accelerator the benchmark boots its guest with first, from what the user asked and what {@link
 * KvmUsability} saw. A KVM guest that then does not answer in time is retried under TCG by the caller.
 *
 * @param why one sentence for the output and the results file
 */
public record AcceleratorChoice(Accelerator accelerator, String why) {

    /** What the user asked for: {@code --kvm auto|always|never} ({@code --tcg} is never). */
    public enum Policy {
        /** KVM where it looks usable, else TCG. */
        AUTO,
        /** KVM whatever it looks like (a boot that never answers still falls back to TCG). */
        ALWAYS,
        /** TCG only. */
        NEVER;

        public static Policy parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--kvm is auto, always or never, not '" + text + "'");
            }
        }
    }

    public static AcceleratorChoice decide(Policy policy, KvmUsability.Verdict kvm) {
        return switch (policy) {
            case NEVER -> new AcceleratorChoice(Accelerator.TCG, "TCG (software emulation), as asked");
            case ALWAYS -> new AcceleratorChoice(Accelerator.KVM, "KVM, as asked (" + kvm.reason() + ")");
            case AUTO -> kvm.usable()
                    ? new AcceleratorChoice(Accelerator.KVM, "KVM: " + kvm.reason())
                    : new AcceleratorChoice(Accelerator.TCG, "TCG (software emulation): " + kvm.reason());
        };
    }
}
