package dev.gridha.bench.rejuvenation;

import java.util.List;
import java.util.Locale;

/**
 * The seed's break-even model: an application that rejuvenates with recovery time {@code rv} but runs at a
 * fraction {@code q} of the speed of one that restarts with recovery time {@code rp} serves as many requests
 * over time, for a time {@code t} between rejuvenations, when {@code q >= qmin = (t + rv) / (t + rp)} (both
 * under full load; seed 000, section 5.2, Table 4).
 */
public final class BreakEven {

    /** The seed's Table 4 MTTF values, seconds. */
    public static final List<Double> SEED_TIMES = List.of(75.0, 100.0, 125.0, 150.0, 500.0, 2000.0, 3000.0);

    private BreakEven() {
    }

    /** The least performance ratio at which rejuvenation serves as much as restarting, for MTTF {@code t}. */
    public static double qmin(double t, double rv, double rp) {
        if (t <= 0 || rv < 0 || rp < 0) {
            throw new IllegalArgumentException("t > 0 and recovery times >= 0, not t=" + t + ", rv=" + rv + ", rp=" + rp);
        }
        return (t + rv) / (t + rp);
    }

    /**
     * The MTTF above which rejuvenation at performance ratio {@code q} serves fewer requests than restarting
     * (solving q = (t + rv) / (t + rp) for t); infinite when it never does (q >= 1).
     */
    public static double breakEvenTime(double q, double rv, double rp) {
        if (q >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(0, (rv - q * rp) / (q - 1));
    }

    /** The seed's Table 4 for our recovery times, and where the measured ratio {@code q} breaks even. */
    public static String markdown(double q, double rv, double rp) {
        StringBuilder markdown = new StringBuilder(String.format(Locale.ROOT, "Break-even (seed 5.2, Table 4) with"
                + " rv = %.2f s (rejuvenation) and rp = %.1f s (plain restart):%n%n| MTTF t (s) |", rv, rp));
        SEED_TIMES.forEach(t -> markdown.append(String.format(Locale.ROOT, " %.0f |", t)));
        markdown.append("\n|---|").append("---|".repeat(SEED_TIMES.size())).append("\n| qmin |");
        SEED_TIMES.forEach(t -> markdown.append(String.format(Locale.ROOT, " %.3f |", qmin(t, rv, rp))));
        double breakEven = breakEvenTime(q, rv, rp);
        markdown.append(String.format(Locale.ROOT, "%n%nMeasured performance ratio q = %.3f: rejuvenation serves at"
                + " least as many requests as plain restarts %s.%n", q, Double.isInfinite(breakEven)
                ? "at any MTTF (no throughput is lost to the machinery)"
                : String.format(Locale.ROOT, "while the time between rejuvenations is under %.0f s", breakEven)));
        return markdown.toString();
    }
}
