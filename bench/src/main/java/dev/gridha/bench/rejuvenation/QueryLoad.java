package dev.gridha.bench.rejuvenation;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

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
    private final List<Thread> threads = new ArrayList<>();
    private final long started = System.nanoTime();
    private volatile String lastFailure = "none";
    private volatile long stopped;

    /** Starts {@code clients} clients against the data service at {@code dataAccess}. */
    public static QueryLoad start(URI dataAccess, int clients) {
        return new QueryLoad(dataAccess, clients);
    }

    private QueryLoad(URI dataAccess, int clients) {
        if (clients < 1) {
            throw new IllegalArgumentException("at least one client");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int i = 0; i < clients; i++) {
            DataAccessClient client = new DataAccessClient(http, dataAccess);
            Thread thread = new Thread(() -> run(client), "query-load-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    private void run(DataAccessClient client) {
        while (running.get()) {
            try {
                String failure = client.query();
                if (failure == null) {
                    answered.incrementAndGet();
                    answerTimes.add(System.nanoTime());
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
