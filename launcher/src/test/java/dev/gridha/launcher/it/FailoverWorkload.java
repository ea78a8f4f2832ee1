package dev.gridha.launcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gridha.client.ClientOptions;
import dev.gridha.client.CounterClient;
import dev.gridha.client.MatchmakerClient;
import dev.gridha.client.RemoteCounter;
import dev.gridha.client.faulttolerance.FaultTolerance;
import dev.gridha.launcher.embedded.GridWars;
import dev.gridha.launcher.group.ReplicaProcess;

/**
 * The clients the failover ITs run against a replica group while they kill its primaries, and the checks on
 * what those clients saw. Counter clients add 1 to one counter through a fault-tolerant client, each keeping
 * the value every add returned (its history); job clients submit and complete Matchmaker jobs on machines
 * advertised up front, each checking that the machine it is given runs no other job.
 * {@link #stopAndCheck} then asserts that no client saw an error, that the histories hold every value once
 * and one per acknowledged add, that the counter ends at exactly the number of acknowledged adds (none lost,
 * none executed twice) and that every machine is free again (no submit ran twice).
 */
final class FailoverWorkload implements AutoCloseable {

    /** What the clients got done. */
    record Totals(int adds, int jobs) {
    }

    private final FaultTolerance counterTolerance;
    private final FaultTolerance matchmakerTolerance;
    private final RemoteCounter counter;
    private final MatchmakerClient matchmaker;
    private final int machines;
    private final ExecutorService pool;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicInteger matchmakerCalls = new AtomicInteger();
    private final AtomicInteger jobsDone = new AtomicInteger();
    /** Which job holds each machine, as the job clients see it: a second job on a busy machine breaks it. */
    private final Map<String, String> busy = new ConcurrentHashMap<>();
    private final List<Future<List<Integer>>> histories = new ArrayList<>();
    private final List<Future<?>> jobs = new ArrayList<>();

    private FailoverWorkload(List<ReplicaProcess> replicas, int counterClients, int jobClients) {
        counterTolerance = FaultTolerance.across(replicas.stream().map(r -> r.base(GridWars.COUNTER)).toList());
        CounterClient counters = new CounterClient(
                URI.create(replicas.get(0).base(GridWars.COUNTER) + "/services/counter"),
                ClientOptions.defaults().withFaultTolerance(counterTolerance));
        counter = counters.create();
        matchmakerTolerance = FaultTolerance.across(replicas.stream().map(r -> r.base(GridWars.MATCHMAKER)).toList());
        matchmaker = new MatchmakerClient(
                URI.create(replicas.get(0).base(GridWars.MATCHMAKER) + "/services/matchmaker"),
                ClientOptions.defaults().withFaultTolerance(matchmakerTolerance));
        machines = 2 * jobClients; // more machines than jobs: a submit never waits for a free one
        for (int m = 0; m < machines; m++) {
            matchmaker.advertise("node-" + m, 2000, 4096, 100, URI.create("https://node-" + m + "/jobs"), List.of());
        }
        pool = Executors.newFixedThreadPool(counterClients + jobClients);
    }

    /** Creates the counter and the machines on the group's first primary, {@code replicas[0]}, and starts. */
    static FailoverWorkload start(List<ReplicaProcess> replicas, int counterClients, int jobClients) {
        FailoverWorkload workload = new FailoverWorkload(replicas, counterClients, jobClients);
        for (int c = 0; c < counterClients; c++) {
            workload.histories.add(workload.pool.submit(workload::addUntilStopped));
        }
        for (int c = 0; c < jobClients; c++) {
            String client = "client-" + c;
            workload.jobs.add(workload.pool.submit(() -> workload.runJobsUntilStopped(client)));
        }
        return workload;
    }

    private List<Integer> addUntilStopped() {
        List<Integer> seen = new ArrayList<>();
        while (!stop.get()) {
            seen.add(counter.add(1));
            acknowledged.incrementAndGet();
        }
        return seen;
    }

    private Void runJobsUntilStopped(String client) {
        for (int i = 0; !stop.get(); i++) {
            String job = client + "-job-" + i;
            MatchmakerClient.Assignment assigned = matchmaker.submit(job, client, 1000, 1024, 10, 5);
            matchmakerCalls.incrementAndGet();
            String holder = busy.putIfAbsent(assigned.machineId(), job);
            assertThat(holder).as("machine " + assigned.machineId() + " given to " + job + " while " + holder
                    + " runs there").isNull();
            busy.remove(assigned.machineId(), job); // before completing: then no one else can have it
            assertThat(matchmaker.complete(job, 1)).isEqualTo(assigned.machineId());
            matchmakerCalls.incrementAndGet();
            jobsDone.incrementAndGet();
        }
        return null;
    }

    FaultTolerance counterTolerance() {
        return counterTolerance;
    }

    FaultTolerance matchmakerTolerance() {
        return matchmakerTolerance;
    }

    int acknowledgedAdds() {
        return acknowledged.get();
    }

    /** Calls any client has had answered: adds, submits and completes. */
    long answeredCalls() {
        return (long) acknowledged.get() + matchmakerCalls.get();
    }

    /** The replica the Counter clients send to now. */
    ReplicaProcess counterPrimary(List<ReplicaProcess> replicas) {
        return replicas.stream().filter(r -> r.base(GridWars.COUNTER).equals(counterTolerance.primary()))
                .findFirst().orElseThrow();
    }

    /** Whether the Counter clients or the Matchmaker clients send to {@code replica} now. */
    boolean clientsSendTo(ReplicaProcess replica) {
        return replica.base(GridWars.COUNTER).equals(counterTolerance.primary())
                || replica.base(GridWars.MATCHMAKER).equals(matchmakerTolerance.primary());
    }

    /** Waits until {@code adds} adds in all have been acknowledged; fails, saying {@code why}, after {@code limit}. */
    void awaitAdds(int adds, Duration limit, String why) {
        await(why).atMost(limit).pollInterval(Duration.ofMillis(10)).until(() -> acknowledged.get() >= adds);
    }

    /**
     * Stops the clients and checks everything they saw.
     *
     * @param run names the run in every failure, such as its seed
     */
    Totals stopAndCheck(String run) {
        return stopAndCheck(run, 0);
    }

    /** As {@link #stopAndCheck(String)}, with {@code idleMachines} more advertised, too small for any job. */
    Totals stopAndCheck(String run, int idleMachines) {
        stop.set(true);
        List<Integer> values = new ArrayList<>();
        for (Future<List<Integer>> history : histories) {
            values.addAll(outcome(history, run, "a Counter client"));
        }
        for (Future<?> job : jobs) {
            outcome(job, run, "a Matchmaker job client"); // also: no machine was given to a second job
        }
        pool.shutdown();
        // a second run of a submit would hold its machine forever
        assertThat(matchmaker.freeMachineCount()).as(run + ": free machines at the end")
                .isEqualTo(machines + idleMachines);
        assertThat(jobsDone.get()).as(run + ": Matchmaker jobs done").isPositive();
        // every acknowledged add is there, and none counted twice; an add whose reply a kill cut off was
        // resubmitted and answered with its first result, so there are no unacknowledged extras either
        assertThat(values).as(run + ": the values the adds returned").hasSize(acknowledged.get())
                .doesNotHaveDuplicates();
        assertThat(counter.value()).as(run + ": the counter's value").isEqualTo(acknowledged.get());
        return new Totals(acknowledged.get(), jobsDone.get());
    }

    private static <T> T outcome(Future<T> client, String run, String who) {
        try {
            return client.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(run + ": " + who + " saw an error: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(run + ": " + who + " did not stop within 60 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(run + ": interrupted while waiting for " + who, e);
        }
    }

    /** Stops the clients at once, for a run that failed before {@link #stopAndCheck}. */
    @Override
    public void close() {
        stop.set(true);
        pool.shutdownNow();
    }
}
