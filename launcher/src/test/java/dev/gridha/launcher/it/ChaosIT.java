package dev.gridha.launcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gridha.container.chaos.ChaosPoints;
import dev.gridha.container.chaos.ProtocolStep;
import dev.gridha.launcher.group.ReplicaGroup;
import dev.gridha.launcher.group.ReplicaProcess;

/**
 * Chaos with real processes: the primary of a group of three {@code gridha up} replicas is SIGKILLed at each
 * step of the request protocol in turn ({@link ProtocolStep}: before execution, before the state update,
 * before the reply, during the reply) and at a random moment, cycle after cycle, while fault-tolerant Counter
 * and Matchmaker clients run ({@link FailoverWorkload}, whose checks decide the run: no client error, every
 * acknowledged add counted once, no machine given to two jobs). The plan has rounds of five: a random kill,
 * then one at each step.
 *
 * <p>How a kill lands on a step: a replica is started armed with the plan's next entry,
 * {@code -Dgridha.chaos.pause-at=STEP@N} with N random (none for a random kill). It passes no step as a
 * backup, nor while a group it is primary of has no backup, so it stops at its N-th pass once it has taken
 * over and its groups have backups; it prints the marker, and the test kills it there. A marker from a
 * replica the clients do not send to, or at another step than it was armed for, fails the run, as does an
 * armed primary that never stops. An unarmed primary is killed at a random moment once every replica is back.
 * Killed replicas restart armed with the next entries, so turns follow the order in which they rejoin: once
 * the clients run, the two backups are restarted armed for entries 2 and 3 (the primary at start, whichever
 * it is, has entry 1). During a {@code DURING_REPLY} stop a {@link TruncatedReplyWitness} shows the reply cut
 * on the wire and its resubmission answered once.
 *
 * <p>Static failover on a loaded machine also takes over without being asked (a backup starved of CPU for
 * 200 ms suspects its primary); the test restarts deposed replicas and ones that cannot rejoin, as an operator
 * would, reports them, and goes on until every planned entry was used.
 *
 * <p>{@code -Dgridha.chaos.cycles} (planned kills, default 5: one random and one at each step, what
 * {@code ./gridha test} runs), {@code -Dgridha.chaos.clients} (Counter clients, default 8; the issue's 16 by
 * the flag),
 * {@code -Dgridha.chaos.seed=N} replays a run's choices, {@code -Dgridha.chaos.membership=static} fails over
 * by heartbeats instead of through ZooKeeper (the default: static mode's synchronous-cluster assumption does
 * not hold on this machine under 16 clients and restarting JVMs, where it has ended with two primaries: seed
 * 5913299317891, 10 cycles).
 */
class ChaosIT {

    private static final ProtocolStep[] STEPS = ProtocolStep.values();
    /** Entries in a round of the plan: one random-time kill, then one at each step. */
    private static final int ROUND = STEPS.length + 1;
    private static final int JOB_CLIENTS = 4;
    /** The longest a kill may take to come: a stop may wait for two restarts, each tens of seconds here. */
    private static final Duration KILL_LIMIT = Duration.ofSeconds(240);
    private static final Duration PROGRESS_LIMIT = Duration.ofSeconds(10);
    private static final Duration RESTARTS_LIMIT = Duration.ofMinutes(5);

    @TempDir
    Path folder;

    private final FailoverTimeline timeline = new FailoverTimeline();
    private final BlockingQueue<Stop> stops = new LinkedBlockingQueue<>();
    /** What each replica's running process is armed with. */
    private final Map<String, Entry> armed = new ConcurrentHashMap<>();

    /** A replica printed the marker: it stopped at {@code step} (null if the line named no step). */
    private record Stop(String replica, ProtocolStep step) {
    }

    /**
     * The plan's entry {@code number}: a stop at {@code step}'s {@code pass}-th pass, or (step null) a kill at
     * a random moment; entries after the last planned one are unarmed and not waited for.
     */
    private record Entry(int number, ProtocolStep step, int pass, boolean planned) {

        List<String> jvmOptions() {
            return step == null ? List.of() : List.of("-D" + ChaosPoints.PROPERTY + "=" + step + "@" + pass);
        }

        @Override
        public String toString() {
            return "entry " + number + (step == null ? planned ? ", random kill" : ", unplanned" : ", " + step
                    + "@" + pass);
        }
    }

    /** A kill that made a cycle: who, armed with what. */
    private record Kill(ReplicaProcess replica, Entry entry) {
    }

    @Test
    void primariesKilledAtEveryProtocolStepLoseNoAcknowledgedCallRunNoneTwiceAndNoClientSeesAnError()
            throws Exception {
        int cycles = Integer.getInteger("gridha.chaos.cycles", ROUND);
        // 8 in the bounded run ./gridha test makes: at 16 on this 2-core machine a zookeeper-mode run has ended
        // with a restarted replica never taken back in (seed 8588266786944; docs/ARCHITECTURE.md), an open bug
        int clients = Integer.getInteger("gridha.chaos.clients", 8);
        long seed = Long.getLong("gridha.chaos.seed", System.nanoTime());
        System.out.println("ChaosIT: seed " + seed + " (-Dgridha.chaos.seed=" + seed + " replays it)");
        boolean passed = false;
        try {
            run(seed, cycles, clients);
            passed = true;
        } finally {
            if (!passed) {
                timeline.print("ChaosIT");
                System.out.println("ChaosIT: failed; -Dgridha.chaos.seed=" + seed + " replays it");
            }
        }
    }

    private void run(long seed, int cycles, int clientCount) throws Exception {
        String run = "seed " + seed;
        Random random = new Random(seed);
        long started = System.nanoTime();
        ReplicaRestarts restarts = new ReplicaRestarts(this::report);
        try (ReplicaGroup group = ReplicaGroup.start(3, 0, folder.resolve("replicas"), line -> watch(line, restarts),
                membership());
             restarts; // stopped before the group closes, so no restart outlives it
             FailoverWorkload clients = FailoverWorkload.start(group.replicas(), clientCount, JOB_CLIENTS)) {
            TruncatedReplyWitness witness = TruncatedReplyWitness.create(group.replicas(), Duration.ofSeconds(30));
            int nextEntry = armForTheFirstEntries(group, clients, restarts, cycles, random);
            Set<Integer> unused = new TreeSet<>();
            for (int number = 1; number <= cycles; number++) {
                unused.add(number);
            }
            Map<ProtocolStep, Integer> stepKills = new EnumMap<>(ProtocolStep.class);
            int randomKills = 0;
            int healed = 0;
            long answeredAtLastKill = 0;
            // an unplanned take-over can hand a turn to an unarmed replica: its kill is a cycle more
            for (int cycle = 1; !unused.isEmpty(); cycle++) {
                assertThat(cycle).as(run + ": cycles needed to use the plan's entries " + unused).isLessThanOrEqualTo(
                        cycles + 2 * ROUND);
                String at = run + ": cycle " + cycle;
                Kill kill = null;
                long deadline = System.nanoTime() + KILL_LIMIT.toNanos();
                while (kill == null) {
                    restarts.checkNoneFailed();
                    healed += heal(group, restarts, at);
                    kill = stopped(group, clients, witness, answeredAtLastKill, at);
                    if (kill == null) {
                        kill = killedAtRandom(group, clients, restarts, answeredAtLastKill, random, at);
                    }
                    if (kill == null && System.nanoTime() - deadline > 0) {
                        throw new AssertionError(at + ": no kill within " + KILL_LIMIT.toSeconds() + " s: the"
                                + " clients send to " + clients.counterTolerance().primary() + " (Counter) and "
                                + clients.matchmakerTolerance().primary() + " (Matchmaker); armed " + armed + "; "
                                + restarts.state() + ". An armed primary that never stops: its step's hook is not"
                                + " reached");
                    }
                }
                Entry entry = kill.entry();
                unused.remove(entry.number());
                if (entry.step() == null) {
                    randomKills++;
                } else {
                    stepKills.merge(entry.step(), 1, Integer::sum);
                }
                answeredAtLastKill = clients.answeredCalls();
                String id = kill.replica().id();
                report("cycle " + cycle + ": killed " + id + " (" + entry + ") after " + clients.acknowledgedAdds()
                        + " acknowledged adds");
                restartArmed(group, restarts, id, entry(nextEntry++, cycles, random)); // rejoins last in turn
            }
            restarts.awaitAll(RESTARTS_LIMIT);
            int adds = clients.acknowledgedAdds();
            clients.awaitAdds(adds + 50, Duration.ofSeconds(30), run + ": adds once every replica is back");
            assertNoStop(group, run + ": after the last cycle");
            FailoverWorkload.Totals totals = clients.stopAndCheck(run, witness.machines());
            witness.checkCounter(clients.counterPrimary(group.replicas()), run);

            assertThat(stepKills).as(run + ": kills at each step").isEqualTo(plannedStepKills(cycles));
            assertThat(witness.cutReplies()).as(run + ": replies the witness saw cut off and resubmitted")
                    .isEqualTo(stepKills.getOrDefault(ProtocolStep.DURING_REPLY, 0));
            System.out.printf("ChaosIT: %d cycles (at steps %s, at random %d), %d restarts of replicas deposed or"
                            + " unable to rejoin, %s membership, %d Counter and %d job clients: %d adds, %d Matchmaker"
                            + " jobs, %d witness calls (%d cut off mid-reply and resubmitted) in %d s; seed %d%n",
                    stepKills.values().stream().mapToInt(Integer::intValue).sum() + randomKills, stepKills,
                    randomKills, healed + restarts.restartedAgain(), group.membership().name(), clientCount,
                    JOB_CLIENTS, totals.adds(), totals.jobs(), witness.adds() + witness.machines(),
                    witness.cutReplies(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), seed);
        }
    }

    /**
     * Arms the group for entries 1-3: the primary the clients found has entry 1 (a random kill, as each round
     * begins with one), and the two others, killed and restarted one after the other, entries 2 and 3 in the
     * order they rejoin. Which replica is primary at start is not known: on a busy machine a backup can
     * outwait its startup grace and take over before r1 serves.
     *
     * @return the next entry's number
     */
    private int armForTheFirstEntries(ReplicaGroup group, FailoverWorkload clients, ReplicaRestarts restarts,
                                      int cycles, Random random) throws InterruptedException {
        awaitProgress(clients, 0, "the clients' first calls");
        ReplicaProcess first = clients.counterPrimary(group.replicas());
        armed.put(first.id(), entry(1, cycles, random));
        int number = 2;
        for (ReplicaProcess backup : others(group, first.id())) {
            backup.kill();
            restartArmed(group, restarts, backup.id(), entry(number++, cycles, random));
            restarts.awaitAll(RESTARTS_LIMIT); // the next kill leaves this one as a backup
        }
        System.out.println("ChaosIT: armed " + armed);
        return number;
    }

    private void restartArmed(ReplicaGroup group, ReplicaRestarts restarts, String id, Entry entry) {
        armed.put(id, entry);
        timeline.note("restarting " + id + " armed with " + entry);
        restarts.restart(group, id, entry.jvmOptions());
    }

    /** The plan's entry {@code number}: each round a random kill, then the steps in order; none after it. */
    private static Entry entry(int number, int cycles, Random random) {
        int position = (number - 1) % ROUND;
        if (number > cycles || position == 0) {
            return new Entry(number, null, 0, number <= cycles);
        }
        return new Entry(number, STEPS[position - 1], 5 + random.nextInt(56), true);
    }

    private static Map<ProtocolStep, Integer> plannedStepKills(int cycles) {
        Map<ProtocolStep, Integer> planned = new EnumMap<>(ProtocolStep.class);
        for (int number = 1; number <= cycles; number++) {
            int position = (number - 1) % ROUND;
            if (position > 0) {
                planned.merge(STEPS[position - 1], 1, Integer::sum);
            }
        }
        return planned;
    }

    /**
     * Kills the replica that stopped, if one did: after checking that the clients send to it (a backup must
     * pass no step) and that it stopped where it was armed to, and that the clients were served since the last
     * kill; during a reply, only once the witness holds a reply cut off there.
     */
    private Kill stopped(ReplicaGroup group, FailoverWorkload clients, TruncatedReplyWitness witness,
                         long answeredBefore, String at) throws Exception {
        Stop stop = stops.poll(500, TimeUnit.MILLISECONDS);
        if (stop == null || !fromALiveProcess(group, stop)) {
            return null; // nothing, or the other service of a process already killed
        }
        ReplicaProcess replica = replica(group, stop.replica());
        Entry entry = armed.get(stop.replica());
        assertThat(clients.clientsSendTo(replica)).as(at + ": " + stop.replica() + " stopped at " + stop.step()
                + " while the Counter clients send to " + clients.counterTolerance().primary()
                + " and the Matchmaker clients to " + clients.matchmakerTolerance().primary()
                + ": a replica that is not the primary passed a protocol step").isTrue();
        assertThat(stop.step()).as(at + ": where " + stop.replica() + " (" + entry + ") stopped")
                .isNotNull().isEqualTo(entry.step());
        awaitProgress(clients, answeredBefore, at);
        TruncatedReplyWitness.HeldReply held = null;
        if (stop.step() == ProtocolStep.DURING_REPLY) {
            // the Counter if this replica is its primary (its Counter stops too, if it did not first), else the
            // Matchmaker: after unplanned take-overs the two groups can have different primaries
            held = witness.callUntilAReplyIsHeld(replica, replica.id().equals(clients.counterPrimary(
                    group.replicas()).id()) ? TruncatedReplyWitness.Service.COUNTER
                    : TruncatedReplyWitness.Service.MATCHMAKER, Duration.ofSeconds(10));
        }
        replica.kill();
        if (held != null) {
            witness.resubmitAfterKill(held, others(group, replica.id()), Duration.ofSeconds(30));
        }
        return new Kill(replica, entry);
    }

    /**
     * Kills the primary at a random moment if it is unarmed and every replica is back (the kill leaves two
     * backups, one of which takes over); null if that is not so.
     */
    private Kill killedAtRandom(ReplicaGroup group, FailoverWorkload clients, ReplicaRestarts restarts,
                                long answeredBefore, Random random, String at) throws InterruptedException {
        ReplicaProcess primary = clients.counterPrimary(group.replicas());
        Entry entry = armed.get(primary.id());
        if (entry.step() != null || !restarts.idle() || !restarts.needingRestart(ReplicaRestarts.STUCK).isEmpty()
                || !group.replicas().stream().allMatch(ReplicaProcess::isAlive)) {
            return null;
        }
        awaitProgress(clients, answeredBefore, at);
        TimeUnit.MILLISECONDS.sleep(300 + random.nextInt(700)); // the kill's random moment
        assertNoStop(group, at + ": while the primary, " + primary.id() + ", was unarmed");
        primary.kill();
        return new Kill(primary, entry);
    }

    /**
     * Restarts, with what it is armed with, one live replica that serves a group nothing until restarted (see
     * {@link ReplicaRestarts#needingRestart}), once no other restart is under way.
     *
     * @return how many it restarted (0 or 1)
     */
    private int heal(ReplicaGroup group, ReplicaRestarts restarts, String at) {
        List<String> ailing = restarts.needingRestart(ReplicaRestarts.STUCK);
        if (ailing.isEmpty() || !restarts.idle()) {
            return 0;
        }
        String id = ailing.get(0);
        report(at + ": restarting " + id + ", deposed or unable to rejoin (" + restarts.state() + ")");
        replica(group, id).kill();
        restarts.restart(group, id, armed.get(id).jvmOptions());
        return 1;
    }

    private void report(String event) {
        timeline.note(event);
        System.out.println("ChaosIT: " + event);
    }

    /** Fails if a live replica has stopped at a step. */
    private void assertNoStop(ReplicaGroup group, String when) {
        List<Stop> drained = new ArrayList<>();
        stops.drainTo(drained);
        assertThat(drained.stream().filter(stop -> fromALiveProcess(group, stop)).toList())
                .as(when + ": replicas stopped at a step").isEmpty();
    }

    /**
     * Whether the marker came from the replica's running process: each web application of a process prints
     * its own, so the second may arrive after the first one's kill, or even once the replica runs again.
     */
    private static boolean fromALiveProcess(ReplicaGroup group, Stop stop) {
        ReplicaProcess replica = replica(group, stop.replica());
        return replica.isAlive() && replica.output().indexOf(ChaosPoints.MARKER) >= 0;
    }

    /** The clients made progress since the last kill: the group took over and served them. */
    private static void awaitProgress(FailoverWorkload clients, long answeredBefore, String at) {
        await(at + ": calls answered since the previous kill").atMost(PROGRESS_LIMIT)
                .until(() -> clients.answeredCalls() > answeredBefore);
    }

    private void watch(String line, ReplicaRestarts restarts) {
        timeline.record(line);
        restarts.record(line);
        int marker = line.indexOf(ChaosPoints.MARKER);
        if (marker < 0) {
            return;
        }
        timeline.note(line);
        String replica = line.substring(0, line.indexOf(" | "));
        ProtocolStep step;
        try {
            step = ProtocolStep.valueOf(line.substring(marker + ChaosPoints.MARKER.length()).strip());
        } catch (IllegalArgumentException garbled) {
            step = null; // the cycle's check reports it; this thread must go on reading the replica's output
        }
        stops.add(new Stop(replica, step));
    }

    private ReplicaGroup.Membership membership() {
        String mode = System.getProperty("gridha.chaos.membership", "zookeeper");
        return switch (mode) {
            case "static" -> ReplicaGroup.Membership.STATIC;
            case "zookeeper" -> ReplicaGroup.Membership.embeddedZooKeeper(folder.resolve("zookeeper"));
            default -> throw new IllegalArgumentException("-Dgridha.chaos.membership is static or zookeeper, not '"
                    + mode + "'");
        };
    }

    private static ReplicaProcess replica(ReplicaGroup group, String id) {
        return group.replicas().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static List<ReplicaProcess> others(ReplicaGroup group, String id) {
        return group.replicas().stream().filter(r -> !r.id().equals(id)).toList();
    }
}
