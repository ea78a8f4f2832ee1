package dev.gridha.container.failover.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gridha.container.failover.FailoverTiming;
import dev.gridha.container.failover.Membership;
import dev.gridha.container.failover.ReplicaView;
import dev.gridha.container.replication.socket.SharedSecret;
import dev.gridha.durability.runtime.PartitionProxy;

/** Real replicas' memberships against a real in-process ZooKeeper server (one server for the class). */
class ZooKeeperMembershipTest {

    private static final FailoverTiming TIMING = new FailoverTiming(Duration.ofMillis(20), Duration.ofMillis(200),
            Duration.ofSeconds(3));
    private static final Duration SESSION = Duration.ofMillis(600);
    private static final List<String> ABC = List.of("a", "b", "c");

    @TempDir
    static Path data;
    private static EmbeddedZooKeeper zookeeper;
    private static int groups;

    private final SharedSecret secret = SharedSecret.generate();
    private final String group = "group-" + ++groups; // each test its own znodes
    private final List<Membership> running = new ArrayList<>();

    @BeforeAll
    static void startZooKeeper() throws Exception {
        zookeeper = EmbeddedZooKeeper.start(data.resolve("zookeeper"), 0);
    }

    @AfterAll
    static void stopZooKeeper() {
        zookeeper.close();
    }

    @AfterEach
    void stop() {
        running.forEach(Membership::close);
    }

    /** Every role change a replica was told of, in order. */
    private static final class Recorder implements Membership.Listener {
        final List<String> events = new CopyOnWriteArrayList<>();
        volatile Membership membership;

        @Override
        public void promoted(ReplicaView view) {
            events.add("promoted " + view);
        }

        @Override
        public void following(ReplicaView view) {
            events.add("following " + view);
        }

        @Override
        public void excluded(ReplicaView view) {
            events.add("excluded " + view);
        }

        @Override
        public void deposed(ReplicaView view) {
            events.add("deposed " + view);
        }

        @Override
        public void paused() {
            events.add("paused");
        }

        @Override
        public void resumed() {
            events.add("resumed");
        }

        @Override
        public void joinRequested(String replica) {
            events.add("join " + replica);
            membership.backupJoined(replica); // as a deployment does once the joiner has its snapshot
        }

        boolean heard(String prefix) {
            return events.stream().anyMatch(event -> event.startsWith(prefix));
        }
    }

    private Membership start(String self, Recorder recorder, boolean joining) {
        return start(self, recorder, joining, zookeeper.settings(SESSION));
    }

    private Membership start(String self, Recorder recorder, boolean joining, ZooKeeperSettings settings) {
        Membership membership = ZooKeeperMembership.start(new ZooKeeperMembership.Config(group, self, ABC,
                settings, TIMING, secret, joining), recorder);
        recorder.membership = membership;
        running.add(membership);
        return membership;
    }

    @Test
    void theConfiguredPrimaryServesAndWhenItsSessionEndsTheSeniorTakesOver() {
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        Recorder c = new Recorder();
        Membership ma = start("a", a, false);
        Membership mb = start("b", b, false);
        Membership mc = start("c", c, false);
        await().atMost(Duration.ofSeconds(5)).until(() -> b.heard("following") && c.heard("following"));
        assertThat(ma.isPrimary()).isTrue();
        assertThat(mb.isPrimary()).isFalse();

        ma.close(); // its session ends: ZooKeeper deletes its live node at once
        await().atMost(Duration.ofSeconds(5)).until(() -> b.heard("promoted epoch 2 [b, c]"));
        await().atMost(Duration.ofSeconds(5)).until(() -> c.heard("following epoch 2 [b, c]"));
        assertThat(mb.isPrimary()).isTrue();
        assertThat(mc.isPrimary()).isFalse();
        assertThat(c.heard("promoted")).isFalse();
    }

    @Test
    void aPrimaryCutOffFromZooKeeperPausesIsReplacedAndIsDeposed() throws Exception {
        int proxyPort;
        try (ServerSocket free = new ServerSocket(0)) {
            proxyPort = free.getLocalPort();
        }
        try (PartitionProxy link = new PartitionProxy(proxyPort, zookeeper.port())) {
            Recorder a = new Recorder();
            Recorder b = new Recorder();
            Membership ma = start("a", a, false, new ZooKeeperSettings("127.0.0.1:" + proxyPort, SESSION));
            Membership mb = start("b", b, false);
            start("c", new Recorder(), false);
            await().atMost(Duration.ofSeconds(5)).until(() -> b.heard("following"));
            assertThat(ma.isPrimary()).isTrue();

            link.cut();
            // a pauses as soon as it notices, before its session can expire and b take over
            await().atMost(Duration.ofSeconds(5)).until(() -> a.heard("paused"));
            await().atMost(Duration.ofSeconds(10)).until(() -> b.heard("promoted epoch 2"));
            int pausedAt = a.events.indexOf("paused");
            assertThat(pausedAt).isNotNegative();
            await().atMost(Duration.ofSeconds(10)).until(() -> a.heard("deposed"));
            assertThat(a.heard("resumed")).isFalse();
            assertThat(mb.isPrimary()).isTrue();
        }
    }

    @Test
    void aRestartedReplicaIsOutsideAsksToJoinAndIsTakenIn() {
        Recorder a = new Recorder();
        Membership ma = start("a", a, false);
        start("b", new Recorder(), false);
        Membership mc = start("c", new Recorder(), false);
        await().atMost(Duration.ofSeconds(5)).until(() -> ma.view().members().size() == 3 && !mc.isPrimary()
                && mc.isMember());
        mc.close(); // c dies; it is restarted with a new session

        assertThat(ZooKeeperMembership.mustJoin(zookeeper.settings(SESSION), secret, group, "c")).isTrue();
        Recorder restarted = new Recorder();
        Membership again = start("c", restarted, true);
        await().atMost(Duration.ofSeconds(5)).until(() -> restarted.heard("excluded"));
        again.askToJoin(again.view().primary()); // as GroupMembership does for an excluded replica
        await().atMost(Duration.ofSeconds(5)).until(() -> restarted.heard("following"));
        assertThat(a.heard("join c")).isTrue();
        assertThat(ma.view().members()).containsExactly("a", "b", "c");
        assertThat(again.isMember()).isTrue();
        // a replica of a new group takes its configured place
        assertThat(ZooKeeperMembership.mustJoin(zookeeper.settings(SESSION), secret, "no-such-group", "a")).isFalse();
    }

    @Test
    void withoutTheGroupsSecretNobodyCanReadOrRewriteItsView() throws Exception {
        start("a", new Recorder(), false);
        try (CuratorFramework stranger = CuratorFrameworkFactory.builder().connectString(zookeeper.connectString())
                .retryPolicy(new RetryOneTime(10)).namespace("gridha")
                .authorization("digest", "gridha:guess".getBytes(StandardCharsets.UTF_8)).build()) {
            stranger.start();
            assertThat(stranger.blockUntilConnected(5, TimeUnit.SECONDS)).isTrue();
            String view = "/groups/" + group + "/view"; // recorded before start returned
            assertThatThrownBy(() -> stranger.getData().forPath(view)).isInstanceOf(KeeperException.NoAuthException.class);
            assertThatThrownBy(() -> stranger.setData().forPath(view, "gridha-view/1\nepoch=9\nmember=x 1\n"
                    .getBytes(StandardCharsets.UTF_8))).isInstanceOf(KeeperException.NoAuthException.class);
        }
        // and a replica with another secret cannot join the group
        assertThatThrownBy(() -> ZooKeeperMembership.mustJoin(zookeeper.settings(SESSION), SharedSecret.generate(),
                group, "b")).isInstanceOf(IllegalStateException.class).hasMessageContaining("NoAuth");
    }

    @Test
    void anUnreachableEnsembleIsAClearStartupError() throws Exception {
        int nothing;
        try (ServerSocket free = new ServerSocket(0)) {
            nothing = free.getLocalPort();
        }
        ZooKeeperSettings nowhere = new ZooKeeperSettings("127.0.0.1:" + nothing, Duration.ofMillis(200));
        assertThatThrownBy(() -> start("a", new Recorder(), false, nowhere))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("did not answer");
    }
}
