package dev.gridha.container.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.gridha.container.failover.RoleTransition;

/** Static membership step by step on a test clock: 50 ms heartbeats, 200 ms suspicion. */
class StaticElectionTest {

    private static final long MS = 1_000_000L;
    private static final ReplicaView ABC = ReplicaView.initial(List.of("a", "b", "c"));

    private long counter;

    private Heartbeat heartbeat(String sender, ReplicaView view) {
        return new Heartbeat("g", sender, 1, ++counter, view);
    }

    /** No startup grace beyond the timeout, so a primary never heard from is suspected like a silent one. */
    private static final FailoverTiming TIMING = new FailoverTiming(Duration.ofMillis(50), Duration.ofMillis(200),
            Duration.ofMillis(200));

    private static StaticElection replica(String self, ReplicaView view) {
        return new StaticElection(self, view, TIMING, 0);
    }

    @Test
    void aBackupThatHearsThePrimaryNeverActs() {
        StaticElection b = replica("b", ABC);
        for (long t = 50; t <= 2_000; t += 50) {
            assertThat(b.heartbeat(heartbeat("a", ABC), t * MS)).isEqualTo(RoleTransition.NONE);
            assertThat(b.tick(t * MS)).isEqualTo(RoleTransition.NONE);
        }
        assertThat(b.view()).isEqualTo(ABC);
        assertThat(b.isPrimary()).isFalse();
    }

    @Test
    void theSeniorBackupTakesOverOnlyAfterTheFullTimeout() {
        StaticElection b = replica("b", ABC);
        b.heartbeat(heartbeat("a", ABC), 100 * MS);

        assertThat(b.tick(300 * MS)).isEqualTo(RoleTransition.NONE); // silent exactly 200 ms: not yet
        assertThat(b.tick(301 * MS)).isEqualTo(RoleTransition.PROMOTED);
        assertThat(b.isPrimary()).isTrue();
        assertThat(b.view()).isEqualTo(new ReplicaView(2, List.of("b", "c")));
        assertThat(b.tick(10_000 * MS)).isEqualTo(RoleTransition.NONE); // a primary watches nobody
    }

    @Test
    void aJuniorBackupFollowsTheSeniorAndGivesItAFullTimeout() {
        StaticElection c = replica("c", ABC);
        assertThat(c.tick(201 * MS)).isEqualTo(RoleTransition.FOLLOWING);
        assertThat(c.view()).isEqualTo(new ReplicaView(2, List.of("b", "c")));
        assertThat(c.tick(400 * MS)).isEqualTo(RoleTransition.NONE);

        ReplicaView bc = new ReplicaView(2, List.of("b", "c"));
        assertThat(c.heartbeat(heartbeat("b", bc), 390 * MS)).isEqualTo(RoleTransition.NONE);
        assertThat(c.tick(580 * MS)).isEqualTo(RoleTransition.NONE);
        assertThat(c.isPrimary()).isFalse();
    }

    @Test
    void whenTheSeniorDiedTooTheNextSurvivorIsElectedWithoutAMessage() {
        StaticElection c = replica("c", ReplicaView.initial(List.of("a", "b", "c", "d")));
        StaticElection d = replica("d", ReplicaView.initial(List.of("a", "b", "c", "d")));

        assertThat(c.tick(201 * MS)).isEqualTo(RoleTransition.FOLLOWING);
        assertThat(d.tick(201 * MS)).isEqualTo(RoleTransition.FOLLOWING);
        // b never speaks: both give up on it at the same step
        assertThat(c.tick(402 * MS)).isEqualTo(RoleTransition.PROMOTED);
        assertThat(d.tick(402 * MS)).isEqualTo(RoleTransition.FOLLOWING);
        assertThat(c.view()).isEqualTo(d.view()).isEqualTo(new ReplicaView(3, List.of("c", "d")));
    }

    @Test
    void aHeartbeatFromANewerEpochIsAdoptedAtOnce() {
        StaticElection c = replica("c", ABC);
        ReplicaView bc = new ReplicaView(2, List.of("b", "c"));

        assertThat(c.heartbeat(heartbeat("b", bc), 10 * MS)).isEqualTo(RoleTransition.FOLLOWING);
        assertThat(c.view()).isEqualTo(bc);
        assertThat(c.tick(205 * MS)).isEqualTo(RoleTransition.NONE); // b was heard at 10 ms
    }

    @Test
    void heartbeatsFromADeposedPrimaryOrANonPrimaryKeepNobodyAlive() {
        StaticElection c = replica("c", new ReplicaView(2, List.of("b", "c")));
        // the old primary a, at epoch 0, keeps sending
        for (long t = 50; t <= 200; t += 50) {
            assertThat(c.heartbeat(heartbeat("a", ABC), t * MS)).isEqualTo(RoleTransition.NONE);
        }
        assertThat(c.tick(201 * MS)).isEqualTo(RoleTransition.PROMOTED);
    }

    @Test
    void aReplayedHeartbeatIsIgnored() {
        StaticElection b = replica("b", ABC);
        Heartbeat recorded = heartbeat("a", ABC);
        b.heartbeat(recorded, 100 * MS);
        heartbeat("a", ABC); // a later one was sent; the recorded one comes again much later

        assertThat(b.heartbeat(recorded, 250 * MS)).isEqualTo(RoleTransition.NONE);
        assertThat(b.tick(301 * MS)).isEqualTo(RoleTransition.PROMOTED);
    }

    @Test
    void aRestartedSenderIsHeardAgainByItsNewIncarnation() {
        StaticElection b = replica("b", ABC);
        b.heartbeat(new Heartbeat("g", "a", 1, 500, ABC), 100 * MS);
        b.heartbeat(new Heartbeat("g", "a", 2, 1, ABC), 250 * MS);
        assertThat(b.tick(301 * MS)).isEqualTo(RoleTransition.NONE);
    }

    @Test
    void aPrimaryThatHearsANewerEpochIsDeposed() {
        StaticElection a = replica("a", ABC);
        assertThat(a.isPrimary()).isTrue();

        assertThat(a.heartbeat(heartbeat("b", new ReplicaView(2, List.of("b", "c"))), 10 * MS))
                .isEqualTo(RoleTransition.DEPOSED);
        assertThat(a.isPrimary()).isFalse();
        assertThat(a.tick(10_000 * MS)).isEqualTo(RoleTransition.NONE); // excluded: it must catch up, not elect
    }

    @Test
    void membershipChangesTravelInTheHeartbeatsOfTheSameEpoch() {
        StaticElection a = replica("a", ABC);
        StaticElection c = replica("c", ABC);
        a.backupFailed("b");
        assertThat(a.view()).isEqualTo(new ReplicaView(1, List.of("a", "c")));

        assertThat(c.heartbeat(heartbeat("a", a.view()), 50 * MS)).isEqualTo(RoleTransition.NONE);
        assertThat(c.view().senior()).contains("c");
        assertThat(c.tick(251 * MS)).isEqualTo(RoleTransition.PROMOTED); // c is the senior now
    }

    @Test
    void aBackupDroppedFromTheViewIsExcludedAndStopsElecting() {
        StaticElection b = replica("b", ABC);
        assertThat(b.heartbeat(heartbeat("a", new ReplicaView(1, List.of("a", "c"))), 50 * MS))
                .isEqualTo(RoleTransition.EXCLUDED);
        assertThat(b.tick(10_000 * MS)).isEqualTo(RoleTransition.NONE);
        assertThat(b.isPrimary()).isFalse();

        assertThat(b.heartbeat(heartbeat("a", new ReplicaView(1, List.of("a", "c", "b"))), 20_000 * MS))
                .isEqualTo(RoleTransition.FOLLOWING);
        assertThat(b.view().backups()).containsExactly("c", "b");
    }

    @Test
    void aJoiningReplicaReportsOnceWhomToAskAndFollowsOnceListed() {
        StaticElection a = StaticElection.joining("a", ABC, TIMING, 0); // first in the list, yet joining
        assertThat(a.isPrimary()).isFalse();
        assertThat(a.isMember()).isFalse();
        ReplicaView bc = new ReplicaView(2, List.of("b", "c"));

        assertThat(a.heartbeat(heartbeat("b", bc), 10 * MS)).isEqualTo(RoleTransition.EXCLUDED);
        assertThat(a.view().primary()).isEqualTo("b");
        assertThat(a.heartbeat(heartbeat("b", bc), 60 * MS)).isEqualTo(RoleTransition.NONE); // reported once
        assertThat(a.tick(10_000 * MS)).isEqualTo(RoleTransition.NONE); // elects nothing while outside

        assertThat(a.heartbeat(heartbeat("b", bc.withBackup("a")), 110 * MS)).isEqualTo(RoleTransition.FOLLOWING);
        assertThat(a.isMember()).isTrue();
    }

    @Test
    void onlyThePrimaryChangesMembership() {
        StaticElection b = replica("b", ABC);
        assertThatThrownBy(() -> b.backupFailed("c")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not the primary");
        assertThatThrownBy(() -> replica("z", ABC)).hasMessageContaining("not a member");
    }

    @Test
    void aPrimaryNeverHeardFromIsGivenTheStartupGraceThenSuspected() {
        StaticElection b = new StaticElection("b", ABC, FailoverTiming.DEFAULTS, 0); // 10 s grace
        assertThat(b.tick(9_000 * MS)).isEqualTo(RoleTransition.NONE);
        assertThat(b.tick(10_001 * MS)).isEqualTo(RoleTransition.PROMOTED);
    }

    @Test
    void onceThePrimaryWasHeardTheGraceNoLongerDelaysSuspicion() {
        StaticElection b = new StaticElection("b", ABC, FailoverTiming.DEFAULTS, 0);
        b.heartbeat(heartbeat("a", ABC), 100 * MS);
        assertThat(b.tick(301 * MS)).isEqualTo(RoleTransition.PROMOTED);
    }

    @Test
    void timingRefusesATimeoutThatOneLateHeartbeatWouldTrip() {
        Duration grace = Duration.ofSeconds(5);
        assertThatThrownBy(() -> new FailoverTiming(Duration.ofMillis(100), Duration.ofMillis(150), grace))
                .hasMessageContaining("at least 2 heartbeat intervals");
        assertThatThrownBy(() -> new FailoverTiming(Duration.ZERO, Duration.ofMillis(150), grace))
                .hasMessageContaining("at least 1 ms");
        assertThatThrownBy(() -> new FailoverTiming(Duration.ofMillis(50), Duration.ofMillis(200),
                Duration.ofMillis(100))).hasMessageContaining("startup grace");
    }
}
