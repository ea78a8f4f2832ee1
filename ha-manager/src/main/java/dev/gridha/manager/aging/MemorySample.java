package dev.gridha.manager.aging;

/**
 * One reading of a container's memory, as a probe took it.
 *
 * @param atMillis  when, on the manager's clock (milliseconds; only differences matter)
 * @param usedBytes heap in use; probes report the heap left after the last collection where the JVM tells it,
 *                  so garbage waiting to be collected does not look like a leak
 * @param maxBytes  the most the heap may grow to
 */
public record MemorySample(long atMillis, long usedBytes, long maxBytes) {

    public MemorySample {
        if (usedBytes < 0 || maxBytes <= 0) {
            throw new IllegalArgumentException("memory sample needs used >= 0 and max > 0, not " + usedBytes + " / "
                    + maxBytes);
        }
    }

    /** The fraction of the maximum in use. */
    public double usedFraction() {
        return (double) usedBytes / maxBytes;
    }
}
