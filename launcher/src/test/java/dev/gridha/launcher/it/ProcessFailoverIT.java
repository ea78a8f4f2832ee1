package dev.gridha.launcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gridha.launcher.group.ReplicaGroup;
import dev.gridha.launcher.group.ReplicaProcess;

/**
 * Failover with real processes: a group of three {@code gridha up} replicas, fault-tolerant clients adding to
 * one counter while others submit and complete Matchmaker jobs ({@link FailoverWorkload}), and the current
 * primary's JVM killed with SIGKILL at a random moment, then restarted to rejoin (snapshot, then updates),
 * cycle after cycle ({@code -Dgridha.failover.cycles}, default 2: static mode under more kills on this
 * 2-core machine has ended with no primary, see docs/ARCHITECTURE.md "Failover"). Every client carries on
 * without an error,
 * the counter ends at exactly the number of acknowledged adds, no machine is ever given to a second job while
 * one runs on it, and every machine is free at the end (no submit ran twice).
 * {@code -Dgridha.failover.seed=N} replays a run. {@link ChaosIT} kills at chosen protocol steps instead.
 */
class ProcessFailoverIT {

    @TempDir
    Path folder;

    private final FailoverTimeline timeline = new FailoverTimeline();

    @Test
    void clientsSurviveSigkilledPrimariesThatRejoinAndEveryAddCountsOnce() throws Exception {
        run(ReplicaGroup.Membership.STATIC, Integer.getInteger("gridha.failover.cycles", 2));
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

    private void run(ReplicaGroup.Membership membership, int cycles) throws Exception {
        try {
            runCycles(membership, cycles);
        } finally {
            timeline.print("ProcessFailoverIT");
        }
    }

    private void runCycles(ReplicaGroup.Membership membership, int cycles) throws Exception {
        long seed = Long.getLong("gridha.failover.seed", System.nanoTime());
        System.out.println("ProcessFailoverIT (" + membership.name() + "): seed " + seed + " (-Dgridha.failover.seed="
                + seed + " replays it)");
        Random random = new Random(seed);
        ReplicaGroup started = ReplicaGroup.start(3, 0, folder.resolve("replicas"), timeline::record, membership);
        try (ReplicaGroup group = started;
             FailoverWorkload clients = FailoverWorkload.start(group.replicas(), 8, 4)) {
            for (int cycle = 1; cycle <= cycles; cycle++) {
                Thread.sleep(300 + random.nextInt(700)); // the kill's random moment
                int before = clients.acknowledgedAdds();
                ReplicaProcess primary = clients.counterPrimary(group.replicas());
                primary.kill(); // SIGKILL the current primary
                System.out.println("ProcessFailoverIT: cycle " + cycle + ": killed " + primary.id() + " after "
                        + before + " acknowledged adds");
                clients.awaitAdds(before + 50, Duration.ofSeconds(20), "seed " + seed
                        + ": adds acknowledged after killing " + primary.id()); // at the next replica
                group.restart(primary.id()); // it rejoins: snapshot, then every update
                Thread.sleep(2_500); // time to ask and be taken in before the next kill
            }
            FailoverWorkload.Totals totals = clients.stopAndCheck("seed " + seed);
            System.out.println("ProcessFailoverIT: " + totals.adds() + " adds and " + totals.jobs()
                    + " Matchmaker jobs through " + cycles + " failovers, each killed replica rejoining");
        }
        // a restart that comes after the close (a supervisor's or a harness's, racing it) starts no process that
        // would outlive the group
        assertThat(started.replicas()).noneMatch(ReplicaProcess::isAlive);
        assertThatThrownBy(() -> started.restart("r1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThat(started.replicas()).noneMatch(ReplicaProcess::isAlive);
    }
}
