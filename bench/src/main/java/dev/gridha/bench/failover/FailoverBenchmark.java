package dev.gridha.bench.failover;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.gridha.client.ClientOptions;
import dev.gridha.client.CounterClient;
import dev.gridha.client.RemoteCounter;
import dev.gridha.client.faulttolerance.FaultTolerance;

/**
 * Thesis Table III.4 as a client sees it: N fault-tolerant clients add to one replicated counter, the primary
 * is killed, and each client's gap is the time from its last reply from the old primary to its first from
 * the new one (detection included; a reply the old primary sent just before it died counts as its last). Also counted: acknowledged adds against the counter's final value (lost
 * or doubled adds) and client errors, which must all be zero.
 */
public final class FailoverBenchmark {

    /** A fresh replicated Counter group for one measurement. */
    public interface Group extends AutoCloseable {
        /** The replicas' Counter webapp bases, primary first. */
        List<URI> counterBases();

        /** Kills the primary's process at once. */
        void killPrimary();

        /** What the promoted replica said about its promotion (its log line), if it said it. */
        String promotionReport();

        @Override
        void close();
    }

    /**
     * @param gapsMillis          each client's gap, sorted
     * @param firstReplyMillis    from the kill to the first reply any client got from the new primary
     * @param acknowledged        adds the clients got a reply for
     * @param finalValue          the counter's value at the end (equals acknowledged when nothing was lost or doubled)
     * @param duplicateReplies    replies that repeated another's value (an add counted twice)
     * @param errors              calls that failed at a client
     */
    public record Point(int clients, double[] gapsMillis, double firstReplyMillis, long acknowledged, int finalValue,
                        long duplicateReplies, long errors, String promotionReport, Notice notice) {

        public Point(int clients, double[] gapsMillis, double firstReplyMillis, long acknowledged, int finalValue,
                     long duplicateReplies, long errors, String promotionReport) {
            this(clients, gapsMillis, firstReplyMillis, acknowledged, finalValue, duplicateReplies, errors,
                    promotionReport, Notice.NONE);
        }

        public double medianGapMillis() {
            return gapsMillis.length == 0 ? Double.NaN : gapsMillis[gapsMillis.length / 2];
        }

        public double maxGapMillis() {
            return gapsMillis.length == 0 ? Double.NaN : gapsMillis[gapsMillis.length - 1];
        }
    }

    /** How the clients hear of the take-over besides failing calls (thesis: FAILURE notifications). */
    public enum Notifications { NONE, PUSH, PULL }

    /**
     * When the clients' FAILURE watch heard the take-over announced.
     *
     * @param afterKillMillis from the kill, detection included; NaN if not heard (or not listening)
     * @param heardAt         wall-clock time it was heard, to set against the promoted replica's log line
     */
    public record Notice(double afterKillMillis, java.time.LocalTime heardAt) {
        static final Notice NONE = new Notice(Double.NaN, null);
    }

    private final Duration before;
    private final Duration after;
    private final Consumer<String> progress;
    private final Notifications notifications;

    /**
     * @param before load before the kill
     * @param after  load after it (each client must get replies from the new primary within it)
     */
    public FailoverBenchmark(Duration before, Duration after, Consumer<String> progress) {
        this(before, after, progress, Notifications.NONE);
    }

    public FailoverBenchmark(Duration before, Duration after, Consumer<String> progress, Notifications notifications) {
        this.before = before;
        this.after = after;
        this.progress = progress;
        this.notifications = notifications;
    }

    private static dev.gridha.client.faulttolerance.FailureWatch watch(Notifications mode, FaultTolerance tolerance) {
        return switch (mode) {
            case NONE -> null;
            case PUSH -> dev.gridha.client.faulttolerance.FailureWatch.push(tolerance,
                    new java.net.InetSocketAddress("127.0.0.1", 0));
            case PULL -> dev.gridha.client.faulttolerance.FailureWatch.pull(tolerance, Duration.ofMillis(50));
        };
    }

    public Point measure(Supplier<Group> groups, int clients) throws Exception {
        try (Group group = groups.get()) {
            FaultTolerance tolerance = FaultTolerance.across(group.counterBases());
            dev.gridha.client.faulttolerance.FailureWatch watch = watch(notifications, tolerance);
            CounterClient counters = new CounterClient(URI.create(group.counterBases().get(0) + "/services/counter"),
                    ClientOptions.defaults().withFaultTolerance(tolerance));
            RemoteCounter counter = counters.create();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<ClientHistory> histories = new ArrayList<>();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                ClientHistory history = new ClientHistory();
                histories.add(history);
                running.add(pool.submit(() -> {
                    while (!stop.get()) {
                        try {
                            int value = counter.add(1);
                            history.replied(System.nanoTime(), value, tolerance.lastAnsweredBy()
                                    .map(replica -> replica.equals(group.counterBases().get(0))).orElse(true));
                        } catch (RuntimeException e) {
                            history.failed(System.nanoTime(), e);
                        }
                    }
                }));
            }
            Thread.sleep(before.toMillis());
            long crash = System.nanoTime();
            java.time.LocalTime killedAt = java.time.LocalTime.now();
            group.killPrimary();
            Notice notice = Notice.NONE;
            long afterEnds = crash + after.toNanos();
            while (System.nanoTime() - afterEnds < 0) {
                if (watch != null && notice == Notice.NONE && tolerance.takeOversAnnounced() > 0) {
                    notice = new Notice((System.nanoTime() - crash) / 1e6, java.time.LocalTime.now());
                }
                Thread.sleep(1);
            }
            stop.set(true);
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            if (watch != null) {
                watch.close();
            }
            Point point = withNotice(point(clients, histories, crash, counter.value(),
                    "killed at " + killedAt + "; " + group.promotionReport()), notice);
            progress.accept(String.format("%d client%s: gap median %.0f ms, max %.0f ms; first reply after %.0f ms;"
                    + " %d acknowledged, final %d, %d doubled, %d errors", clients, clients == 1 ? "" : "s",
                    point.medianGapMillis(), point.maxGapMillis(), point.firstReplyMillis(), point.acknowledged(),
                    point.finalValue(), point.duplicateReplies(), point.errors()));
            return point;
        }
    }

    private static Point withNotice(Point p, Notice notice) {
        return new Point(p.clients(), p.gapsMillis(), p.firstReplyMillis(), p.acknowledged(), p.finalValue(),
                p.duplicateReplies(), p.errors(), p.promotionReport(), notice);
    }

    static Point point(int clients, List<ClientHistory> histories, long crash, int finalValue, String promotion) {
        List<Double> gaps = new ArrayList<>();
        long firstReply = Long.MAX_VALUE;
        long acknowledged = 0;
        long errors = 0;
        Set<Integer> seen = new HashSet<>();
        long duplicates = 0;
        for (ClientHistory history : histories) {
            OptionalLong gap = history.gapAround(crash);
            gap.ifPresent(g -> gaps.add(g / 1e6));
            OptionalLong first = history.firstReplyFromNew();
            if (first.isPresent()) {
                firstReply = Math.min(firstReply, first.getAsLong());
            }
            for (int value : history.values()) {
                acknowledged++;
                if (!seen.add(value)) {
                    duplicates++;
                }
            }
            errors += history.errors().size();
            if (gap.isEmpty()) {
                errors++; // a client that never got through again counts as failing
            }
        }
        double[] sorted = gaps.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Point(clients, sorted, firstReply == Long.MAX_VALUE ? Double.NaN : (firstReply - crash) / 1e6,
                acknowledged, finalValue, duplicates, errors, promotion);
    }

    /** For reports: the gaps as text. */
    public static String describe(double[] gaps) {
        return Arrays.toString(Arrays.stream(gaps).map(Math::round).toArray());
    }
}
