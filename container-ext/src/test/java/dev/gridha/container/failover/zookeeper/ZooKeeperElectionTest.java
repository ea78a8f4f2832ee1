package dev.gridha.container.failover.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.gridha.container.failover.RoleTransition;

/** The decisions alone, on a test clock: what each replica writes and becomes for what it reads. */
class ZooKeeperElectionTest {

    private static final long GRACE_ENDS = 1_000;
    private final RecordedView configured = RecordedView.initial(List.of("a", "b", "c"));
    private final RecordedView running = configured.claim("a", 1).claim("b", 2).claim("c", 3);
    private final Set<Long> allLive = Set.of(1L, 2L, 3L);

    private static ZooKeeperElection primary(String self, long session) {
        return new ZooKeeperElection(self, session, true, false, GRACE_ENDS);
    }

    private static ZooKeeperElection backup(String self, long session) {
        return new ZooKeeperElection(self, session, false, false, GRACE_ENDS);
    }

    /** Runs the election to a fixed point against a store that accepts every write, as the real loop does. */
    private static RoleTransition settle(ZooKeeperElection election, RecordedView[] store, Set<Long> live, long now) {
        RoleTransition last = RoleTransition.NONE;
        for (int round = 0; round < 8; round++) {
            ZooKeeperElection.Outcome outcome = election.observe(store[0], live, now);
            if (outcome.transition() != RoleTransition.NONE) {
                last = outcome.transition();
            }
            if (outcome.write().isEmpty()) {
                return last;
            }
            store[0] = outcome.write().get();
        }
        throw new AssertionError("no fixed point");
    }

    @Test
    void eachReplicaClaimsItsConfiguredPlaceAndTakesItsConfiguredRole() {
        RecordedView[] store = {configured};
        ZooKeeperElection a = primary("a", 1);
        ZooKeeperElection b = backup("b", 2);
        assertThat(settle(a, store, allLive, 0)).isEqualTo(RoleTransition.NONE);
        assertThat(settle(b, store, allLive, 0)).isEqualTo(RoleTransition.FOLLOWING);
        assertThat(a.isPrimary()).isTrue();
        assertThat(b.isMember()).isTrue();
        assertThat(store[0].heldBy("a", 1)).isTrue();
        assertThat(store[0].heldBy("b", 2)).isTrue();
    }

    @Test
    void nobodyTakesOverFromAnUnclaimedPrimaryDuringTheStartupGrace() {
        RecordedView[] store = {configured};
        ZooKeeperElection b = backup("b", 2);
        settle(b, store, Set.of(2L), 0);
        assertThat(b.observe(store[0], Set.of(2L), GRACE_ENDS - 1).write()).isEmpty();
        // after it, a never started: b records epoch 2 with itself first
        assertThat(settle(b, store, Set.of(2L), GRACE_ENDS)).isEqualTo(RoleTransition.PROMOTED);
        assertThat(store[0].view().epoch()).isEqualTo(2);
        assertThat(store[0].view().members()).containsExactly("b");
    }

    @Test
    void whenThePrimarysSessionEndsTheSeniorTakesOverAndTheJuniorFollows() {
        RecordedView[] store = {running};
        ZooKeeperElection b = backup("b", 2);
        ZooKeeperElection c = backup("c", 3);
        settle(b, store, allLive, 0);
        settle(c, store, allLive, 0);
        Set<Long> aDead = Set.of(2L, 3L);
        // c sees it first: it is not the senior, so it writes nothing
        assertThat(c.observe(store[0], aDead, 5).write()).isEmpty();
        assertThat(settle(b, store, aDead, 5)).isEqualTo(RoleTransition.PROMOTED);
        assertThat(store[0].view().members()).containsExactly("b", "c");
        assertThat(settle(c, store, aDead, 5)).isEqualTo(RoleTransition.FOLLOWING);
        assertThat(c.isPrimary()).isFalse();
    }

    @Test
    void ifTheSeniorIsDeadTooTheNextLiveBackupTakesOverAtOnce() {
        RecordedView[] store = {running};
        ZooKeeperElection c = backup("c", 3);
        settle(c, store, allLive, 0);
        assertThat(settle(c, store, Set.of(3L), 5)).isEqualTo(RoleTransition.PROMOTED);
        assertThat(store[0].view()).satisfies(view -> {
            assertThat(view.epoch()).isEqualTo(2);
            assertThat(view.members()).containsExactly("c");
        });
    }

    @Test
    void aPrimaryWhoseEpochWasSupersededIsDeposedAndStaysSo() {
        RecordedView[] store = {running};
        ZooKeeperElection a = primary("a", 1);
        settle(a, store, allLive, 0);
        RecordedView next = running.takeOver("b", Set.of(2L, 3L));
        assertThat(a.observe(next, Set.of(1L, 2L, 3L), 5).transition()).isEqualTo(RoleTransition.DEPOSED);
        assertThat(a.isPrimary()).isFalse();
        assertThat(a.observe(running, allLive, 6)).isEqualTo(new ZooKeeperElection.Outcome(Optional.empty(),
                RoleTransition.NONE));
    }

    @Test
    void aRestartedReplicaNeverMistakesItsPredecessorsPlaceForItsOwn() {
        // a restarted primary: its place is held by the dead session 1, it now has session 9
        ZooKeeperElection restartedPrimary = primary("a", 9);
        assertThat(restartedPrimary.observe(running, Set.of(2L, 3L, 9L), 5).transition())
                .isEqualTo(RoleTransition.DEPOSED);
        // a restarted backup: outside, reported once, so it asks to be taken in
        ZooKeeperElection restartedBackup = backup("c", 9);
        assertThat(restartedBackup.observe(running, Set.of(1L, 2L, 9L), 5).transition())
                .isEqualTo(RoleTransition.EXCLUDED);
        assertThat(restartedBackup.observe(running, Set.of(1L, 2L, 9L), 6).transition())
                .isEqualTo(RoleTransition.NONE);
        assertThat(restartedBackup.isMember()).isFalse();
        // and it takes over from nobody, however dead the primary looks
        assertThat(restartedBackup.observe(running, Set.of(9L), 7).write()).isEmpty();
    }

    @Test
    void aJoinerFollowsOnceThePrimaryHasRecordedItsPlace() {
        ZooKeeperElection joiner = new ZooKeeperElection("c", 9, false, true, GRACE_ENDS);
        RecordedView withoutC = running.without(List.of("c"));
        assertThat(joiner.observe(withoutC, Set.of(1L, 2L, 9L), 0).transition()).isEqualTo(RoleTransition.EXCLUDED);
        assertThat(joiner.observe(withoutC, Set.of(1L, 2L, 9L), 1).transition()).isEqualTo(RoleTransition.NONE);
        assertThat(joiner.observe(withoutC.withJoiner("c", 9), Set.of(1L, 2L, 9L), 2).transition())
                .isEqualTo(RoleTransition.FOLLOWING);
        assertThat(joiner.isMember()).isTrue();
        // a joiner never claims a free place of the configured list: it has no state yet
        ZooKeeperElection early = new ZooKeeperElection("c", 9, false, true, GRACE_ENDS);
        assertThat(early.observe(configured, Set.of(9L), 0).write()).isEmpty();
    }

    @Test
    void thePrimaryDropsBackupsThatNeverStartedOnceTheGraceIsOver() {
        RecordedView[] store = {configured};
        ZooKeeperElection a = primary("a", 1);
        settle(a, store, Set.of(1L), 0);
        assertThat(store[0].view().members()).containsExactly("a", "b", "c");
        settle(a, store, Set.of(1L), GRACE_ENDS);
        assertThat(store[0].view().members()).containsExactly("a");
        assertThat(store[0].view().epoch()).isEqualTo(1);
    }

    @Test
    void losingItsSessionDeposesAPrimaryAndPutsABackupOutside() {
        RecordedView[] store = {running};
        ZooKeeperElection a = primary("a", 1);
        ZooKeeperElection b = backup("b", 2);
        settle(a, store, allLive, 0);
        settle(b, store, allLive, 0);
        assertThat(a.sessionLost()).isEqualTo(RoleTransition.DEPOSED);
        assertThat(b.sessionReplaced(8)).isEqualTo(RoleTransition.EXCLUDED);
        assertThat(b.session()).isEqualTo(8);
        assertThat(b.observe(store[0], Set.of(1L, 3L, 8L), 5).transition()).isEqualTo(RoleTransition.NONE);
        assertThat(b.isMember()).isFalse();
    }
}
