package dev.gridha.bench;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.gridha.client.CounterClient;
import dev.gridha.client.MatchmakerClient;
import dev.gridha.client.RemoteCounter;

/** The operations the harnesses time, the same way in every benchmark. */
public final class ServiceOperations {

    private final AtomicLong jobIds = new AtomicLong();

    /** Adds 1 to a counter of the client's own, so clients measure the SOAP path, not contention. */
    public static LoadGenerator.Operation counterAdd(CounterClient counters) {
        RemoteCounter counter = counters.create();
        return () -> counter.add(1);
    }

    /**
     * Each timed call is one jobSubmit; the job is completed untimed right after, so the machines never run
     * out and the queue stays the same size for the whole run.
     */
    public LoadGenerator.Operation submitCycle(MatchmakerClient matchmaker, String client) {
        return new LoadGenerator.Operation() {
            private String job;

            @Override
            public void call() {
                job = "bench-" + jobIds.incrementAndGet();
                matchmaker.submit(job, client, 1000, 1024, 1, 1);
            }

            @Override
            public void after() {
                matchmaker.complete(job, 1);
            }
        };
    }

    /** Advertises {@code machines} identical machines, enough that a submit never waits for one. */
    public static void advertiseMachines(MatchmakerClient matchmaker, int machines) {
        for (int i = 0; i < machines; i++) {
            matchmaker.advertise("bench-node-" + i, 2000, 4096, 100,
                    URI.create("https://bench-node-" + i + ".example/jobs"), List.of());
        }
    }
}
