package dev.gridha.manager.aging;

import java.util.List;
import java.util.OptionalLong;

/**
 * A straight line fitted (least squares) to memory samples, and when it reaches the maximum. A leak that grows
 * per request grows about linearly under a steady load, which is what the seed's service showed; a line is
 * also what an operator can check by eye on the status page.
 *
 * @param bytesPerSecond the slope
 * @param fittedUsed     the line's value at the last sample (less noisy than the last sample itself)
 * @param lastAtMillis   the last sample's time
 * @param maxBytes       the last sample's maximum
 */
public record Trend(double bytesPerSecond, double fittedUsed, long lastAtMillis, long maxBytes) {

    /** Fits {@code samples} (at least two, in time order). */
    static Trend fit(List<MemorySample> samples) {
        if (samples.size() < 2) {
            throw new IllegalArgumentException("a trend needs two samples");
        }
        long origin = samples.get(0).atMillis();
        double n = samples.size();
        double sumT = 0;
        double sumU = 0;
        for (MemorySample sample : samples) {
            sumT += (sample.atMillis() - origin) / 1000.0;
            sumU += sample.usedBytes();
        }
        double meanT = sumT / n;
        double meanU = sumU / n;
        double covariance = 0;
        double variance = 0;
        for (MemorySample sample : samples) {
            double t = (sample.atMillis() - origin) / 1000.0 - meanT;
            covariance += t * (sample.usedBytes() - meanU);
            variance += t * t;
        }
        double slope = variance == 0 ? 0 : covariance / variance;
        MemorySample last = samples.get(samples.size() - 1);
        double lastT = (last.atMillis() - origin) / 1000.0;
        return new Trend(slope, meanU + slope * (lastT - meanT), last.atMillis(), last.maxBytes());
    }

    /** Milliseconds from the last sample until the line reaches the maximum; empty if memory is not growing. */
    public OptionalLong millisToExhaustion() {
        if (bytesPerSecond <= 0) {
            return OptionalLong.empty();
        }
        double seconds = Math.max(0, (maxBytes - fittedUsed) / bytesPerSecond);
        return OptionalLong.of((long) Math.min(Long.MAX_VALUE / 2, seconds * 1000));
    }
}
