package dev.gridha.manager.aging;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the detector makes of a container after a sample.
 *
 * @param aging   whether to rejuvenate it now (a trigger held for the confirmations the policy asks)
 * @param reason  why, or why not yet (for the event log and the status page)
 * @param trend   the fitted trend, once the window has enough samples
 */
public record Assessment(boolean aging, String reason, Optional<Trend> trend) {

    /** The forecast time to exhaustion, if memory grows. */
    public OptionalLong millisToExhaustion() {
        return trend.map(Trend::millisToExhaustion).orElse(OptionalLong.empty());
    }
}
