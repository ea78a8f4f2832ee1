package dev.gridha.manager.aging;

import java.time.Duration;

/**
 * When a container counts as aging. Two triggers, either is enough: the seed's threshold (memory in use
 * reaches a fraction of the maximum; it used 50% sampled every 5 s) and a forecast (the recent trend reaches
 * the maximum sooner than a rejuvenation can finish, with a margin). Either must hold for {@code confirmations}
 * samples in a row, so one spike, or one slow collection, does not trigger.
 *
 * @param threshold       fraction of the maximum heap, in (0, 1]
 * @param window          how many recent samples the trend is fitted to (at least 3)
 * @param rejuvenationTime how long a rejuvenation takes, start of the standby to the old container drained
 * @param margin          how many rejuvenation times ahead of exhaustion the forecast triggers (at least 1)
 * @param confirmations   samples in a row that must agree before the detector says so (at least 1)
 */
public record AgingPolicy(double threshold, int window, Duration rejuvenationTime, double margin, int confirmations) {

    /** The seed's 50% threshold; a minute of 5 s samples for the trend; twice a 30 s rejuvenation; two in a row. */
    public static final AgingPolicy DEFAULT = new AgingPolicy(0.5, 12, Duration.ofSeconds(30), 2.0, 2);

    public AgingPolicy {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("aging threshold must be a fraction in (0, 1], not " + threshold);
        }
        if (window < 3) {
            throw new IllegalArgumentException("the trend needs a window of at least 3 samples, not " + window);
        }
        if (rejuvenationTime == null || rejuvenationTime.isNegative() || rejuvenationTime.isZero()) {
            throw new IllegalArgumentException("rejuvenation time must be positive");
        }
        if (!(margin >= 1)) {
            throw new IllegalArgumentException("forecast margin must be at least 1, not " + margin);
        }
        if (confirmations < 1) {
            throw new IllegalArgumentException("confirmations must be at least 1, not " + confirmations);
        }
    }

    /** How far ahead of exhaustion the forecast triggers. */
    public long forecastHorizonMillis() {
        return (long) (rejuvenationTime.toMillis() * margin);
    }

    /**
     * Whether memory growing as {@code trend} says would fill even an empty heap of its size sooner than a
     * rejuvenation takes: the standby taking over would age out before the container it replaces is back, so
     * rejuvenating one container at a time cannot keep up (more containers, more heap or less load can).
     */
    public boolean outpacedBy(Trend trend) {
        return trend.bytesPerSecond() > 0
                && trend.maxBytes() / trend.bytesPerSecond() * 1000 < rejuvenationTime.toMillis();
    }
}
