package dev.gridha.bench.vm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The silence a reboot caused: the longest time between two consecutive answers (or from the start of the run, or
 * to its end) that overlaps the reboot, from the reboot's start until the service answered again. Answers that
 * beat the guest's power-off count as before it, which is why the gap is not simply "from the reboot call".
 *
 * @param from {@link System#nanoTime()} of the last answer before the silence (or the run's start)
 * @param to   that of the first answer after it (or the run's end)
 */
public record AnswerGap(long from, long to) {

    public double seconds() {
        return (to - from) / 1e9;
    }

    /**
     * @param answers        when each answer came, in any order
     * @param started        the run's start; {@code ended} its end
     * @param rebootStarted  when the reboot began; {@code rebootEnded} when the service answered again (or the
     *                       run's end if it never did)
     */
    public static AnswerGap around(Collection<Long> answers, long started, long ended, long rebootStarted,
                                   long rebootEnded) {
        List<Long> times = new ArrayList<>(answers);
        times.sort(null);
        times.add(ended);
        AnswerGap longest = new AnswerGap(rebootStarted, rebootStarted);
        long previous = started;
        for (long time : times) {
            boolean overlaps = previous < rebootEnded && time > rebootStarted;
            if (overlaps && time - previous > longest.to - longest.from) {
                longest = new AnswerGap(previous, time);
            }
            previous = time;
        }
        return longest;
    }
}
