package dev.gridha.durability.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gridha.container.failover.FailoverTiming;
import dev.gridha.container.failover.zookeeper.EmbeddedZooKeeper;
import dev.gridha.container.failover.zookeeper.ZooKeeperSettings;
import dev.gridha.container.replication.socket.SharedSecret;
import dev.gridha.durability.runtime.database.DatabaseConfig;
import dev.gridha.durability.runtime.deployment.DeploymentConfig;
import dev.gridha.durability.runtime.deployment.DurableDeployment;
import dev.gridha.durability.runtime.deployment.FailoverConfig;
import dev.gridha.durability.runtime.deployment.NotPrimaryException;
import dev.gridha.durability.runtime.deployment.Role;

/**
 * {@code zookeeper} failover of real deployments against a real in-process ZooKeeper server: take-over,
 * a restarted replica that finds out by itself that it must join, and the partitions static mode cannot
 * survive (there, {@link FailoverDeploymentTest} records two primaries).
 */
class ZooKeeperFailoverDeploymentTest {

    private static final List<String> PACKAGES = List.of("dev.gridha.durability.runtime");
    private static final FailoverTiming TIMING = new FailoverTiming(Duration.ofMillis(20), Duration.ofMillis(200),
            Duration.ofSeconds(3));
    private static final Duration SESSION = Duration.ofMillis(600);

    @TempDir
    static Path zookeeperData;
    private static EmbeddedZooKeeper zookeeper;
    private static final AtomicInteger GROUPS = new AtomicInteger();

    private final String group = "counters-" + GROUPS.incrementAndGet();
    private final AtomicInteger requests = new AtomicInteger();
    private final SharedSecret secret = SharedSecret.generate();
    private final List<DurableDeployment> running = new ArrayList<>();

    @TempDir
    Path folder;

    @BeforeAll
    static void startZooKeeper() throws IOException {
        zookeeper = EmbeddedZooKeeper.start(zookeeperData, 0);
    }

    @AfterAll
    static void stopZooKeeper() {
        zookeeper.close();
    }

    @AfterEach
    void stop() {
        running.forEach(DurableDeployment::close);
    }

    private record Replica(DurableDeployment deployment, DeployedTestService service) {
    }

    private Replica start(List<FailoverConfig.Replica> replicas, String self) {
        return start(replicas, self, zookeeper.settings(SESSION));
    }

    private Replica start(List<FailoverConfig.Replica> replicas, String self, ZooKeeperSettings settings) {
        // one database for the group, as the thesis assumes: the promoted backup opens it
        DeploymentConfig config = DeploymentConfig.replica(group, FailoverConfig.zookeeper(self, replicas, TIMING,
                settings), secret, Duration.ofSeconds(2), DatabaseConfig.h2File(folder.resolve("shared")));
        DurableDeployment deployment = DurableDeployment.start(DeployedTestService.DURABILITY, config, PACKAGES,
                () -> "urn:uuid:request-" + requests.incrementAndGet());
        running.add(deployment);
        return new Replica(deployment, DeployedTestService.boundTo(deployment));
    }

    private static int freePort() throws IOException {
        return PartitionProxy.freeTcpAndUdpPort();
    }

    private static FailoverConfig.Replica replica(String id, int port) {
        return new FailoverConfig.Replica(id, "127.0.0.1", port);
    }

    @Test
    void theBackupTakesOverWithTheStateAndARestartedPrimaryJoinsByItself() throws Exception {
        List<FailoverConfig.Replica> group = List.of(replica("a", freePort()), replica("b", freePort()));
        Replica b = start(group, "b");
        Replica a = start(group, "a");
        assertThat(a.deployment().role()).isEqualTo(Role.PRIMARY);
        a.service().create("x", 0);
        a.service().add("x", 4);
        // a backup acknowledges on receipt and applies right after
        await().atMost(Duration.ofSeconds(5)).until(() -> b.service().total().getValue() == 4);

        a.deployment().close(); // its session ends with it
        await().atMost(Duration.ofSeconds(5)).until(() -> b.deployment().role() == Role.PRIMARY);
        assertThat(b.service().add("x", 1)).isEqualTo(5);

        // restarted with its first configuration (it would be the primary): the recorded view says the group
        // runs without it, so it comes up as a joiner, takes a snapshot and follows
        Replica restarted = start(group, "a");
        assertThat(restarted.deployment().role()).isEqualTo(Role.BACKUP);
        await().atMost(Duration.ofSeconds(10)).until(() -> restarted.service().total().getValue() == 5);
        assertThat(b.service().add("x", 2)).isEqualTo(7);
        await().atMost(Duration.ofSeconds(5)).until(() -> restarted.service().total().getValue() == 7);
        assertThatThrownBy(() -> restarted.service().add("x", 1)).isInstanceOf(NotPrimaryException.class);
    }

    /**
     * The primary is cut off from its backup and from ZooKeeper at once. It stops replying before the backup
     * can take over, and never replies again: at no moment do two primaries reply.
     */
    @Test
    void aPrimaryCutOffFromEverythingNeverRepliesOnceTheBackupCanTakeOver() throws Exception {
        int portA = freePort();
        int portB = freePort();
        int aToB = freePort();
        int aToZooKeeper = freePort();
        List<FailoverConfig.Replica> seenByA = List.of(replica("a", portA), replica("b", aToB));
        List<FailoverConfig.Replica> seenByB = List.of(replica("a", portA), replica("b", portB));
        try (PartitionProxy linkToB = new PartitionProxy(aToB, portB);
             PartitionProxy linkToZooKeeper = new PartitionProxy(aToZooKeeper, zookeeper.port())) {
            Replica b = start(seenByB, "b");
            Replica a = start(seenByA, "a", new ZooKeeperSettings("127.0.0.1:" + aToZooKeeper, SESSION));
            a.service().create("x", 0);
            assertThat(a.service().add("x", 1)).isEqualTo(1);

            linkToB.cut();
            linkToZooKeeper.cut();

            // until b is primary, and after, every request at a fails: it cannot replicate to b, and cannot
            // record b's removal (or has already paused or resigned)
            int refusedAtA = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (b.deployment().role() != Role.PRIMARY && System.nanoTime() < deadline) {
                assertThatThrownBy(() -> a.service().add("x", 1)).isInstanceOf(RuntimeException.class);
                refusedAtA++;
                Thread.sleep(20);
            }
            assertThat(b.deployment().role()).isEqualTo(Role.PRIMARY);
            assertThat(refusedAtA).isPositive();
            assertThat(b.service().add("x", 10)).isEqualTo(11); // b holds what a acknowledged
            await().atMost(Duration.ofSeconds(5)).until(() -> a.deployment().role() == Role.DEPOSED);
            assertThatThrownBy(() -> a.service().add("x", 1)).isInstanceOf(NotPrimaryException.class);
        }
    }

    /**
     * The primary loses its backup but not ZooKeeper: it records the backup's removal and carries on; the
     * backup, which ZooKeeper still sees alive, is outside the view and never promotes itself.
     */
    @Test
    void aPrimaryCutOffFromItsBackupOnlyDropsItAndTheBackupNeverTakesOver() throws Exception {
        int portB = freePort();
        int aToB = freePort();
        int portA = freePort();
        List<FailoverConfig.Replica> seenByA = List.of(replica("a", portA), replica("b", aToB));
        List<FailoverConfig.Replica> seenByB = List.of(replica("a", portA), replica("b", portB));
        try (PartitionProxy linkToB = new PartitionProxy(aToB, portB)) {
            Replica b = start(seenByB, "b");
            Replica a = start(seenByA, "a");
            a.service().create("x", 0);
            assertThat(a.service().add("x", 1)).isEqualTo(1);

            linkToB.cut();

            assertThat(a.service().add("x", 1)).isEqualTo(2); // b dropped, the drop recorded first
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < until) {
                assertThat(b.deployment().role()).isEqualTo(Role.BACKUP);
                Thread.sleep(50);
            }
            assertThat(a.service().add("x", 1)).isEqualTo(3);
            assertThat(a.deployment().role()).isEqualTo(Role.PRIMARY);
        }
    }
}
