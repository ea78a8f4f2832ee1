package dev.gridha.container.chaos;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Decides when a process armed with {@code STEP@N} must stop: at the N-th time it passes that
 * {@link ProtocolStep}, and at every pass after it (requests that arrive later at the same step stop there
 * too, so none slips past the crash being staged). Pure counting, no I/O, so it is tested on its own;
 * {@link ChaosPoints} does the printing and the blocking.
 *
 * <p>A pass counts only while the process is backed up ({@link PrimaryGroups}): it is a primary, with at
 * least one backup in every group it is the primary of. A backup passes nothing until it is promoted; and a
 * primary with a group left alone passes nothing until a backup joins it, because stopping it then would
 * leave that group no replica to take over, and none of the steps means anything without a backup to
 * replicate to.
 */
final class PauseTrigger {

    private final ProtocolStep step;
    private final long pass;
    private final BooleanSupplier backedUp;
    private final AtomicLong passes = new AtomicLong();

    /** @param backedUp whether a pass counts now */
    PauseTrigger(ProtocolStep step, long pass, BooleanSupplier backedUp) {
        if (pass < 1) {
            throw new IllegalArgumentException("passes are counted from 1, not " + pass);
        }
        this.step = step;
        this.pass = pass;
        this.backedUp = backedUp;
    }

    /**
     * @param value the value of {@value ChaosPoints#PROPERTY}: {@code STEP@N}, or null or blank for none
     * @throws IllegalArgumentException naming the property when the value is not {@code STEP@N}
     */
    static Optional<PauseTrigger> parse(String value, BooleanSupplier backedUp) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        int at = text.indexOf('@');
        try {
            if (at > 0) {
                return Optional.of(new PauseTrigger(ProtocolStep.valueOf(text.substring(0, at)),
                        Long.parseLong(text.substring(at + 1)), backedUp));
            }
        } catch (IllegalArgumentException malformed) {
            // reported below with what is expected
        }
        throw new IllegalArgumentException(ChaosPoints.PROPERTY + " = '" + value + "' is not STEP@N: STEP one of "
                + Arrays.toString(ProtocolStep.values()) + ", N the pass to stop at, from 1 (such as BEFORE_REPLY@25)");
    }

    ProtocolStep step() {
        return step;
    }

    long pass() {
        return pass;
    }

    /** Counts a pass of {@code at}; true exactly when the caller must stop there. */
    boolean passes(ProtocolStep at) {
        return at == step && backedUp.getAsBoolean() && passes.incrementAndGet() >= pass;
    }
}
