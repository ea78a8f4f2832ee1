package dev.gridha.launcher.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gridha.client.ClientOptions;
import dev.gridha.client.CounterClient;
import dev.gridha.client.MatchmakerClient;
import dev.gridha.client.RemoteCounter;
import dev.gridha.client.faulttolerance.FaultTolerance;
import dev.gridha.launcher.embedded.GridWars;
import dev.gridha.launcher.group.ReplicaGroup;
import dev.gridha.launcher.group.ReplicaProcess;

/**
 * Failover with real processes: a group of three {@code gridha up} replicas, fault-tolerant clients adding to
 * one counter while others submit and complete Matchmaker jobs, and the current primary's JVM killed with
 * SIGKILL at a random moment, then restarted to rejoin (snapshot, then updates), cycle after cycle
 * ({@code -Dgridha.failover.cycles}, default 3). Every client carries on without an error, the counter ends
 * at exactly the number of acknowledged adds, no machine is ever given to a second job while one runs on
 * it, and every machine is free at the end (no submit ran twice).
 * {@code -Dgridha.failover.seed=N} replays a run.
 */
class ProcessFailoverIT {

    @TempDir
    Path folder;

    @Test
    void clientsSurviveSigkilledPrimariesThatRejoinAndEveryAddCountsOnce() throws Exception {
        run(ReplicaGroup.Membership.STATIC, Integer.getInteger("gridha.failover.cycles", 3));
    }

    /**
     * The same with zookeeper membership (a ZooKeeper server in this JVM): detection is the session timeout,
     * and a killed replica is restarted with its first configuration; the recorded view tells it to join.
     * {@code -Dgridha.failover.zookeeper-cycles}, default 2.
     */
    @Test
    void withZooKeeperMembershipTheSameKillsLoseNothingAndRestartedReplicasJoinByThemselves() throws Exception {
        run(ReplicaGroup.Membership.embeddedZooKeeper(folder.resolve("zookeeper")),
                Integer.getInteger("gridha.failover.zookeeper-cycles", 2));
    }

    private final java.util.Queue<String> timeline = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private void run(ReplicaGroup.Membership membership, int cycles) throws Exception {
        try {
            runCycles(membership, cycles);
        } finally {
            timeline.forEach(line -> System.out.println("ProcessFailoverIT timeline: " + line));
        }
    }

    private void runCycles(ReplicaGroup.Membership membership, int cycles) throws Exception {
        long seed = Long.getLong("gridha.failover.seed", System.nanoTime());
        System.out.println("ProcessFailoverIT (" + membership.name() + "): seed " + seed + " (-Dgridha.failover.seed="
                + seed + " replays it)");
        Random random = new Random(seed);
        // the replicas' role changes, printed at the end: the timeline of a failing run
        try (ReplicaGroup group = ReplicaGroup.start(3, 0, folder.resolve("replicas"), line -> {
            if (line.contains("d.g.failover")) {
                timeline.add(line);
            }
        }, membership)) {
            List<ReplicaProcess> replicas = group.replicas();
            FaultTolerance tolerance = FaultTolerance.across(replicas.stream()
                    .map(r -> r.base(GridWars.COUNTER)).toList());
            CounterClient counters = new CounterClient(
                    java.net.URI.create(replicas.get(0).base(GridWars.COUNTER) + "/services/counter"),
                    ClientOptions.defaults().withFaultTolerance(tolerance));
            RemoteCounter counter = counters.create();
            FaultTolerance matchmakers = FaultTolerance.across(replicas.stream()
                    .map(r -> r.base(GridWars.MATCHMAKER)).toList());
            MatchmakerClient matchmaker = new MatchmakerClient(
                    java.net.URI.create(replicas.get(0).base(GridWars.MATCHMAKER) + "/services/matchmaker"),
                    ClientOptions.defaults().withFaultTolerance(matchmakers));
            int jobClients = 4;
            for (int m = 0; m < 2 * jobClients; m++) {
                matchmaker.advertise("node-" + m, 2000, 4096, 100, java.net.URI.create("https://node-" + m + "/jobs"),
                        List.of());
            }
            // which job holds each machine, as the clients see it: a second job on a busy machine breaks it
            Map<String, String> busy = new ConcurrentHashMap<>();
            AtomicInteger jobsDone = new AtomicInteger();

            int clients = 8;
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger acknowledged = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(clients + jobClients);
            List<Future<List<Integer>>> histories = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                histories.add(pool.submit(() -> {
                    List<Integer> seen = new ArrayList<>();
                    while (!stop.get()) {
                        seen.add(counter.add(1));
                        acknowledged.incrementAndGet();
                    }
                    return seen;
                }));
            }
            List<Future<?>> jobs = new ArrayList<>();
            for (int c = 0; c < jobClients; c++) {
                String client = "client-" + c;
                jobs.add(pool.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        String job = client + "-job-" + i;
                        MatchmakerClient.Assignment assigned = matchmaker.submit(job, client, 1000, 1024, 10, 5);
                        String holder = busy.putIfAbsent(assigned.machineId(), job);
                        assertThat(holder).as("machine " + assigned.machineId() + " given to " + job
                                + " while " + holder + " runs there").isNull();
                        busy.remove(assigned.machineId(), job); // before completing: then no one else can have it
                        assertThat(matchmaker.complete(job, 1)).isEqualTo(assigned.machineId());
                        jobsDone.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (int cycle = 1; cycle <= cycles; cycle++) {
                Thread.sleep(300 + random.nextInt(700));
                int before = acknowledged.get();
                ReplicaProcess primary = group.replicas().stream()
                        .filter(r -> r.base(GridWars.COUNTER).equals(tolerance.primary())).findFirst().orElseThrow();
                primary.kill(); // SIGKILL the current primary
                System.out.println("ProcessFailoverIT: cycle " + cycle + ": killed " + primary.id() + " after "
                        + before + " acknowledged adds");
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (acknowledged.get() < before + 50 && System.nanoTime() < deadline) {
                    Thread.sleep(10); // the clients carry on at the next replica
                }
                assertThat(acknowledged.get()).as("seed %d: adds acknowledged after killing %s", seed, primary.id())
                        .isGreaterThanOrEqualTo(before + 50);
                group.restart(primary.id()); // it rejoins: snapshot, then every update
                Thread.sleep(2_500); // time to ask and be taken in before the next kill
            }
            stop.set(true);
            List<Integer> values = new ArrayList<>();
            for (Future<List<Integer>> history : histories) {
                values.addAll(history.get(60, TimeUnit.SECONDS)); // no client saw an error
            }
            for (Future<?> job : jobs) {
                job.get(60, TimeUnit.SECONDS); // no job client saw an error, no machine was given twice
            }
            // every machine is free again: no submit ran twice (a second run would hold a machine forever)
            assertThat(matchmaker.freeMachineCount()).isEqualTo(2 * jobClients);
            assertThat(jobsDone.get()).isPositive();
            System.out.println("ProcessFailoverIT: " + acknowledged.get() + " adds and " + jobsDone.get()
                    + " Matchmaker jobs through " + cycles + " failovers, each killed replica rejoining");
            pool.shutdown();

            assertThat(values).hasSize(acknowledged.get()).doesNotHaveDuplicates();
            // every acknowledged add is there, and none counted twice; an add whose reply a kill cut off was
            // resubmitted and answered with its first result, so there are no unacknowledged extras either
            assertThat(counter.value()).isEqualTo(acknowledged.get());
        }
    }
}
