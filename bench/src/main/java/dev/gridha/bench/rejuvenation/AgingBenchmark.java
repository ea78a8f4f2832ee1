package dev.gridha.bench.rejuvenation;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import org.HdrHistogram.Histogram;

/**
 * The seed's Table 5 scaled to this machine: the data service leaks on every query while clients query it
 * non-stop for a fixed time, once left to age (the seed's "normal execution") and once under the HA manager,
 * which rejuvenates it when it sees the aging coming. Each run counts answered and failed (missed) queries,
 * throughput and latency, and samples the serving container's live heap.
 */
public final class AgingBenchmark {

    /** The serving container's heap, where the run reads it. */
    public interface HeapGauge {
        /** The heap of the container serving now; empty when it cannot be read (a container restarting). */
        Optional<Heap> serving() throws InterruptedException;
    }

    /** A heap reading: what survived the last collection (a leak shows here) and the maximum, bytes. */
    public record Heap(long live, long max) {
        public Heap {
            if (max <= 0 || live < 0) {
                throw new IllegalArgumentException("a heap of " + live + " live of " + max + " bytes");
            }
        }

        public double fraction() {
            return (double) live / max;
        }
    }

    /**
     * One run.
     *
     * @param meanLiveHeap the serving container's live heap, averaged over the samples read, bytes
     * @param peakFraction the largest fraction of its maximum the serving container's live heap reached
     * @param heapSamples  how many samples were read (a restarting container's are not)
     */
    public record Run(String name, long answered, long failed, double throughput, Histogram latencyMicros,
                      double meanLiveHeap, double peakFraction, int heapSamples) {
    }

    private final int clients;
    private final Duration length;
    private final Duration sampleEvery;
    private final Consumer<String> progress;

    public AgingBenchmark(int clients, Duration length, Duration sampleEvery, Consumer<String> progress) {
        if (clients < 1 || length.isNegative() || length.isZero() || sampleEvery.toMillis() < 10) {
            throw new IllegalArgumentException("at least one client, a positive length, samples >= 10 ms apart");
        }
        this.clients = clients;
        this.length = length;
        this.sampleEvery = sampleEvery;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** Queries the data service at {@code dataAccess} for the run's length, sampling {@code gauge}. */
    public Run measure(String name, URI dataAccess, HeapGauge gauge) throws InterruptedException {
        HeapStatistics heap = new HeapStatistics();
        long started = System.nanoTime();
        long end = started + length.toNanos();
        long nextReport = started + Duration.ofSeconds(15).toNanos();
        QueryLoad.Window opened;
        QueryLoad.Window closed;
        try (QueryLoad load = QueryLoad.start(dataAccess, clients)) {
            opened = load.window();
            while (System.nanoTime() < end) {
                Thread.sleep(sampleEvery.toMillis());
                gauge.serving().ifPresent(heap::add);
                if (System.nanoTime() - nextReport > 0) {
                    nextReport += Duration.ofSeconds(15).toNanos();
                    progress.accept(String.format(java.util.Locale.ROOT, "  %s: %d s, %,d answered, %,d failed, live"
                                    + " heap %.0f%% of the maximum", name, (System.nanoTime() - started) / 1_000_000_000L,
                            load.answered(), load.failed(), 100 * heap.last()));
                }
            }
            closed = load.window();
        }
        QueryLoad.Window run = closed.since(opened);
        return new Run(name, run.answered(), run.failed(), run.throughput(), run.latencyMicros(), heap.mean(),
                heap.peak(), heap.count());
    }

    /** Running mean and peak of the samples. */
    static final class HeapStatistics {
        private double sum;
        private double peak;
        private double last;
        private int count;

        void add(Heap sample) {
            sum += sample.live();
            peak = Math.max(peak, sample.fraction());
            last = sample.fraction();
            count++;
        }

        double mean() {
            return count == 0 ? 0 : sum / count;
        }

        double peak() {
            return peak;
        }

        double last() {
            return last;
        }

        int count() {
            return count;
        }
    }
}
