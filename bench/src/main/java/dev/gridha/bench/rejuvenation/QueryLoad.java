package dev.gridha.bench.rejuvenation;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Clients querying the data service back to back on threads of their own, counting what is answered and what
 * fails and when each answer came (for the downtime), until stopped. Shared by the rejuvenation benchmark,
 * the demo's aging act and the managed group's test.
 */
public final class QueryLoad implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final ConcurrentLinkedQueue<Long> answerTimes = new ConcurrentLinkedQueue<>();
    /** How long each answered query took, microseconds. */
    private final Histogram latencyMicros = new ConcurrentHistogram(3);
    private final List<Thread> threads = new ArrayList<>();
    private final long started = System.nanoTime();
    private volatile String lastFailure = "none";
    private volatile long stopped;

    /** Starts {@code clients} clients against the data service at {@code dataAccess}. */
    public static QueryLoad start(URI dataAccess, int clients) {
        return start(dataAccess, clients, DataAccessClient.DEFAULT_ROWS);
    }

    /** As {@link #start(URI, int)}, each query returning {@code rows} rows. */
    public static QueryLoad start(URI dataAccess, int clients, int rows) {
        return new QueryLoad(dataAccess, clients, rows);
    }

    private QueryLoad(URI dataAccess, int clients, int rows) {
        if (clients < 1) {
            throw new IllegalArgumentException("at least one client");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int i = 0; i < clients; i++) {
            DataAccessClient client = new DataAccessClient(http, dataAccess, rows);
            Thread thread = new Thread(() -> run(client), "query-load-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    private void run(DataAccessClient client) {
        while (running.get()) {
            try {
                long sent = System.nanoTime();
                String failure = client.query();
                if (failure == null) {
                    long now = System.nanoTime();
                    latencyMicros.recordValue(Math.max(1, (now - sent) / 1_000));
                    answered.incrementAndGet();
                    answerTimes.add(now);
                } else {
                    failed.incrementAndGet();
                    lastFailure = failure;
                    Thread.sleep(10); // a refused query comes back at once: do not spin
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * What the clients did from their start to now; {@link Window#since} of two of them is what they did in
     * between (a measurement after a warm-up, say).
     */
    public Window window() {
        return new Window(System.nanoTime(), answered.get(), failed.get(), latencyMicros.copy());
    }

    /**
     * Queries answered and failed, and the answered ones' latencies, up to {@code nanos}.
     *
     * @param latencyMicros how long each answered query took, microseconds
     */
    public record Window(long nanos, long answered, long failed, Histogram latencyMicros) {

        /** What happened after {@code earlier} (taken from the same load) and up to this one. */
        public Window since(Window earlier) {
            Histogram between = latencyMicros.copy();
            between.subtract(earlier.latencyMicros);
            return new Window(nanos - earlier.nanos, answered - earlier.answered, failed - earlier.failed, between);
        }

        /** Answered queries per second over a window made by {@link #since}. */
        public double throughput() {
            return answered / (nanos / 1e9);
        }
    }

    public long answered() {
        return answered.get();
    }

    public long failed() {
        return failed.get();
    }

    public String lastFailure() {
        return lastFailure;
    }

    /** The longest time no client got an answer, from the start to now (or to when the load stopped), seconds. */
    public double downtimeSeconds() {
        return RejuvenationBenchmark.longestGapSeconds(answerTimes, started, stopped != 0 ? stopped : System.nanoTime());
    }

    /** When each answer came, {@link System#nanoTime()}. */
    public List<Long> answerTimes() {
        return List.copyOf(answerTimes);
    }

    /** When the clients started, {@link System#nanoTime()}. */
    public long startedNanos() {
        return started;
    }

    /** When they stopped, or now while they run. */
    public long stoppedNanos() {
        return stopped != 0 ? stopped : System.nanoTime();
    }

    /** Answers per second from the start to now (or to the stop). */
    public double throughput() {
        return answered.get() / (((stopped != 0 ? stopped : System.nanoTime()) - started) / 1e9);
    }

    /** Stops the clients; returns once they have (a call under way ends within its 30 s timeout). */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(35_000);
        }
        if (stopped == 0) {
            stopped = System.nanoTime();
        }
    }
}
