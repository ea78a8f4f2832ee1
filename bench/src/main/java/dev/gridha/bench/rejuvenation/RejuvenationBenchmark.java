package dev.gridha.bench.rejuvenation;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The seed's Table 6 scenario, scaled to this machine: clients query the data service non-stop, and one
 * intervention happens at mid-run (a rejuvenation behind the balancer, or a plain restart of the serving
 * container). It counts the failed queries, the downtime (the longest time no client got an answer) and the
 * throughput over the whole run.
 */
public final class RejuvenationBenchmark {

    /** What is done to the serving container at mid-run. */
    public interface Intervention {
        void apply() throws Exception;
    }

    /**
     * One run's outcome.
     *
     * @param name            the intervention
     * @param answered        queries answered
     * @param failed          queries that failed
     * @param downtimeSeconds the longest time without any answer, anywhere in the run
     * @param atInterventionSeconds the longest time without an answer that overlaps an intervention (the
     *                        rest of the run's gaps are the machine's, not the intervention's)
     * @param throughput      answered queries per second over the run
     * @param interventionSeconds how long the intervention itself took
     */
    public record Run(String name, long answered, long failed, double downtimeSeconds, double atInterventionSeconds,
                      double throughput, double interventionSeconds) {
    }

    private final int clients;
    private final Duration before;
    private final Duration after;
    private final Consumer<String> progress;

    public RejuvenationBenchmark(int clients, Duration before, Duration after, Consumer<String> progress) {
        if (clients < 1) {
            throw new IllegalArgumentException("at least one client");
        }
        this.clients = clients;
        this.before = before;
        this.after = after;
        this.progress = progress;
    }

    /** @param dataAccess where the data service is reached (through the balancer, or the container itself) */
    public Run measure(String name, URI dataAccess, Intervention intervention) throws Exception {
        return measure(name, dataAccess, intervention, 1);
    }

    /**
     * As {@link #measure(String, URI, Intervention)}, the intervention made {@code times} times, each {@code
     * before} after the end of the previous one; "intervention took" is then the mean.
     */
    public Run measure(String name, URI dataAccess, Intervention intervention, int times) throws Exception {
        QueryLoad load = QueryLoad.start(dataAccess, clients);
        List<AnswerGap.Interval> interventions = new ArrayList<>();
        try {
            for (int time = 1; time <= times; time++) {
                Thread.sleep(before.toMillis());
                progress.accept("  " + name + (times == 1 ? "" : " " + time + "/" + times) + ": intervening ("
                        + load.answered() + " answered, " + load.failed() + " failed so far)");
                long interventionStart = System.nanoTime();
                intervention.apply();
                interventions.add(new AnswerGap.Interval(interventionStart, System.nanoTime()));
            }
            Thread.sleep(after.toMillis());
        } finally {
            load.close();
        }
        String label = times == 1 ? name : name + " x" + times;
        long interventionNanos = interventions.stream().mapToLong(i -> i.end() - i.start()).sum();
        return new Run(label, load.answered(), load.failed(), load.downtimeSeconds(),
                longestGapSeconds(load.answerTimes(), load.startedNanos(), load.stoppedNanos(), interventions),
                load.throughput(), interventionNanos / 1e9 / times);
    }

    /**
     * The longest time between consecutive answers (or from the start / to the end) that overlaps one of
     * {@code interventions}, in seconds; 0 if none does.
     */
    static double longestGapSeconds(java.util.Collection<Long> answerTimes, long started, long ended,
                                    List<AnswerGap.Interval> interventions) {
        return AnswerGap.longestOverlapping(answerTimes, started, ended, interventions).seconds();
    }

    /** The longest time between consecutive answers (or from the start / to the end), in seconds. */
    static double longestGapSeconds(java.util.Collection<Long> answerTimes, long started, long ended) {
        // every gap of the run overlaps the run itself
        return longestGapSeconds(answerTimes, started, ended, List.of(new AnswerGap.Interval(started, ended)));
    }
}
