package dev.gridha.bench.rejuvenation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A silence clients saw: the time between two consecutive answers (or from the start of the run, or to its end).
 * The rejuvenation benchmarks measure downtime as the longest such silence that overlaps an intervention (a
 * rejuvenation, a restart, a reboot), so answers that beat the intervention count as before it.
 *
 * @param from {@link System#nanoTime()} of the last answer before the silence (or the run's start)
 * @param to   that of the first answer after it (or the run's end)
 */
public record AnswerGap(long from, long to) {

    /** When an intervention ran, {@link System#nanoTime()} at its start and end. */
    public record Interval(long start, long end) {
        boolean overlaps(long from, long to) {
            return from < end && to > start;
        }
    }

    public double seconds() {
        return (to - from) / 1e9;
    }

    /**
     * The longest silence that overlaps one of {@code interventions}; an empty gap if none does.
     *
     * @param answers when each answer came, in any order
     * @param started the run's start; {@code ended} its end
     */
    public static AnswerGap longestOverlapping(Collection<Long> answers, long started, long ended,
                                               List<Interval> interventions) {
        List<Long> times = new ArrayList<>(answers);
        times.sort(null);
        times.add(ended);
        AnswerGap longest = new AnswerGap(started, started);
        long previous = started;
        for (long time : times) {
            long from = previous;
            if (time - from > longest.to - longest.from
                    && interventions.stream().anyMatch(interval -> interval.overlaps(from, time))) {
                longest = new AnswerGap(from, time);
            }
            previous = time;
        }
        return longest;
    }
}
