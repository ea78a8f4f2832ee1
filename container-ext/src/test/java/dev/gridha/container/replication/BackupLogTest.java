package dev.gridha.container.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class BackupLogTest {

    private final List<Long> applied = new ArrayList<>();
    private final BackupLog log = new BackupLog("counter", 0, update -> applied.add(update.sequence()), 3);

    @Test
    void acknowledgesOnReceiptAndAppliesOnlyWhenAsked() {
        assertThat(log.receive(update(1, 1)).isReceived()).isTrue();
        assertThat(applied).isEmpty();
        assertThat(log.pending()).isEqualTo(1);

        assertThat(log.applyReady()).isEqualTo(1);
        assertThat(applied).containsExactly(1L);
        assertThat(log.lastApplied()).isEqualTo(1);
    }

    @Test
    void appliesInSequenceOrderWhateverTheArrivalOrder() {
        log.receive(update(1, 3));
        log.receive(update(1, 1));
        assertThat(log.applyReady()).isEqualTo(1);
        assertThat(log.heldBehindGap()).containsExactly(3L);

        log.receive(update(1, 2));
        assertThat(log.applyReady()).isEqualTo(2);
        assertThat(applied).containsExactly(1L, 2L, 3L);
        assertThat(log.heldBehindGap()).isEmpty();
    }

    @Test
    void aDuplicateIsAcknowledgedButAppliedOnce() {
        log.receive(update(1, 1));
        log.applyReady();
        assertThat(log.receive(update(1, 1)).isReceived()).isTrue();
        assertThat(log.applyReady()).isZero();
        assertThat(applied).containsExactly(1L);
    }

    @Test
    void anUpdateFromAnOlderEpochIsRefusedAndNotHeld() {
        log.receive(update(5, 1));
        Acknowledgement ack = log.receive(update(4, 2));
        assertThat(ack.isReceived()).isFalse();
        assertThat(ack.reason()).contains("stale epoch 4 < 5");
        assertThat(log.pending()).isEqualTo(1);
        assertThat(log.epoch()).isEqualTo(5);
    }

    @Test
    void aSnapshotIsInstalledSoItReplacesTheObjectsHeldAndUpdatesAreApplied() {
        List<String> calls = new ArrayList<>();
        BackupLog joiner = new BackupLog("counter", 0, new StateApplier() {
            @Override
            public void apply(StateUpdate update) {
                calls.add("apply " + update.sequence());
            }

            @Override
            public void install(StateUpdate snapshot) {
                calls.add("install " + snapshot.sequence());
            }
        }, 3);

        joiner.receive(new StateUpdate("counter", 2, 7, BackupLog.SNAPSHOT, new byte[0], new byte[0]));
        joiner.receive(update(2, 8));
        joiner.applyReady();
        joiner.receive(new StateUpdate("counter", 2, 12, BackupLog.SNAPSHOT, new byte[0], new byte[0]));

        assertThat(calls).containsExactly("install 7", "apply 8", "install 12");
    }

    @Test
    void aSnapshotReplacesWhatWasHeldAndTheUpdatesAfterItContinueFromItsSequence() {
        log.receive(update(1, 1));
        log.receive(update(1, 3)); // held behind a gap
        StateUpdate snapshot = new StateUpdate("counter", 2, 7, BackupLog.SNAPSHOT, new byte[0], new byte[] {9});

        assertThat(log.receive(snapshot).isReceived()).isTrue();
        assertThat(applied).containsExactly(7L); // applied at once, nothing older
        assertThat(log.lastApplied()).isEqualTo(7);
        assertThat(log.heldBehindGap()).isEmpty();
        assertThat(log.receive(update(2, 8)).isReceived()).isTrue();
        assertThat(log.applyReady()).isEqualTo(1);
        assertThat(applied).containsExactly(7L, 8L);
        // results travelled with it: requests run before the join are answered, not run again, after a take-over
        StateUpdate withResults = new StateUpdate("counter", 3, 9, BackupLog.SNAPSHOT,
                RequestResults.encode(java.util.Map.of("ft:c:1", new byte[] {42})), new byte[] {9});
        assertThat(log.receive(withResults).isReceived()).isTrue();
        assertThat(log.resultOf("ft:c:1")).hasValueSatisfying(result -> assertThat(result).containsExactly(42));
        // a snapshot from an older epoch is refused like any update from it
        assertThat(log.receive(new StateUpdate("counter", 1, 9, BackupLog.SNAPSHOT, new byte[0], new byte[0]))
                .isReceived()).isFalse();
    }

    @Test
    void afterAFenceTheDeposedPrimaryIsRefusedAndTheNewOneMustContinueTheSequence() {
        log.receive(update(1, 1));
        log.receive(update(1, 2));
        log.fence(2);

        assertThat(log.receive(update(1, 3)).reason()).contains("stale epoch 1 < 2");
        assertThat(log.receive(update(2, 4)).reason()).contains("must be re-synchronized");
        assertThat(log.receive(update(2, 3)).isReceived()).isTrue();
        // once the new primary has continued, its later updates are ordinary
        assertThat(log.receive(update(2, 5)).isReceived()).isTrue();
        log.fence(2); // not newer: changes nothing
        assertThat(log.receive(update(2, 4)).isReceived()).isTrue();
    }

    @Test
    void aNewPrimaryMustContinueTheSequenceItsPredecessorLeft() {
        log.receive(update(5, 1));
        log.receive(update(5, 2));
        log.applyReady();

        Acknowledgement restarted = log.receive(update(9, 1));
        assertThat(restarted.isReceived()).isFalse();
        assertThat(restarted.reason()).contains("must be re-synchronized");
        assertThat(log.epoch()).isEqualTo(5);
        // its later updates build on its own update 1, not on the one held here
        assertThat(log.receive(update(9, 3)).isReceived()).isFalse();

        assertThat(log.receive(update(10, 3)).isReceived()).isTrue();
        assertThat(log.epoch()).isEqualTo(10);
        assertThat(log.applyReady()).isEqualTo(1);
        assertThat(applied).containsExactly(1L, 2L, 3L);
    }

    @Test
    void anUpdateForAnotherGroupIsRefused() {
        Acknowledgement ack = log.receive(new StateUpdate("matchmaker", 1, 1, null, new byte[0], new byte[0]));
        assertThat(ack.isReceived()).isFalse();
        assertThat(log.pending()).isZero();
    }

    @Test
    void keepsTheResultOfEachAppliedRequestForResubmissions() {
        log.receive(update(1, 1));
        assertThat(log.resultOf("request-1")).as("not applied yet").isEmpty();
        log.applyReady();
        assertThat(log.resultOf("request-1")).hasValueSatisfying(
                result -> assertThat(new String(result, StandardCharsets.UTF_8)).isEqualTo("result-1"));
    }

    @Test
    void forgetsTheOldestResultsBeyondItsCapacity() {
        for (long sequence = 1; sequence <= 4; sequence++) {
            log.receive(update(1, sequence));
        }
        log.applyReady();
        assertThat(log.resultOf("request-1")).isEmpty();
        assertThat(log.resultOf("request-4")).isPresent();
    }

    @Test
    void aBackupThatStartsFromASnapshotIgnoresWhatTheSnapshotHolds() {
        BackupLog fromSnapshot = new BackupLog("counter", 10, update -> applied.add(update.sequence()), 10);
        fromSnapshot.receive(update(1, 9));
        fromSnapshot.receive(update(1, 11));
        assertThat(fromSnapshot.applyReady()).isEqualTo(1);
        assertThat(applied).containsExactly(11L);
    }

    @Test
    void aNewPrimaryReSendsTheUpdatesABackupMissedAndItAcknowledgesThoseItHoldsAndTakesTheRest() {
        log.receive(update(1, 1));
        log.receive(update(1, 2));
        log.applyReady(); // the old primary's update 3 reached the promoted backup, not this one
        log.fence(2);

        for (long sequence = 1; sequence <= 3; sequence++) {
            assertThat(log.receive(update(1, sequence).resentIn(2)).isReceived()).as("re-sent " + sequence).isTrue();
        }
        assertThat(log.receive(update(2, 4)).isReceived()).isTrue();
        log.applyReady();
        assertThat(applied).containsExactly(1L, 2L, 3L, 4L);
        assertThat(log.epoch()).isEqualTo(2);
    }

    @Test
    void aReSentUpdateThatDiffersFromOneAppliedHereIsRefusedSoTheBackupIsReSynchronized() {
        log.receive(update(1, 1));
        log.receive(update(1, 2));
        log.applyReady();
        log.fence(3);

        // the primary of epoch 3 holds, at sequence 2, an update the primary of epoch 2 made
        Acknowledgement refused = log.receive(update(2, 2).resentIn(3));
        assertThat(refused.isReceived()).isFalse();
        assertThat(refused.reason()).contains("applied the update of epoch 1 at sequence 2")
                .contains("must be re-synchronized");
        // nor does a later update from it pass as a continuation
        assertThat(log.receive(update(3, 3)).isReceived()).isFalse();
        assertThat(applied).containsExactly(1L, 2L);
    }

    @Test
    void anUpdateHeldButNotAppliedYetIsReplacedByTheNewPrimarysOneAndTheLaterOnesAreDropped() {
        List<StateUpdate> appliedUpdates = new ArrayList<>();
        BackupLog backup = new BackupLog("counter", 0, appliedUpdates::add, 10);
        backup.receive(update(1, 1));
        backup.applyReady();
        backup.receive(update(1, 2)); // the old primary's last two: never acknowledged by every backup
        backup.receive(update(1, 3));
        backup.fence(2);

        StateUpdate replacement = update(2, 2);
        assertThat(backup.receive(replacement).isReceived()).isTrue();
        assertThat(backup.pending()).isEqualTo(1);
        backup.applyReady();
        assertThat(appliedUpdates).containsExactly(update(1, 1), replacement);
    }

    @Test
    void keepsTheMostRecentAppliedUpdatesToReSendBoundedInNumber() {
        long last = BackupLog.TAIL_UPDATES + 88;
        for (long sequence = 1; sequence <= last; sequence++) {
            log.receive(update(1, sequence));
        }
        assertThat(log.appliedTail()).as("nothing applied yet").isEmpty();
        log.applyReady();

        List<StateUpdate> tail = log.appliedTail();
        assertThat(tail).hasSize(BackupLog.TAIL_UPDATES);
        assertThat(tail.get(0).sequence()).isEqualTo(89);
        assertThat(tail.get(tail.size() - 1)).isEqualTo(update(1, last));
    }

    @Test
    void keepsTheMostRecentAppliedUpdatesToReSendBoundedInBytes() {
        int big = (int) (BackupLog.TAIL_BYTES / 4);
        for (long sequence = 1; sequence <= 6; sequence++) {
            log.receive(new StateUpdate("counter", 1, sequence, null, new byte[0], new byte[big]));
        }
        log.applyReady();
        assertThat(log.appliedTail()).extracting(StateUpdate::sequence).containsExactly(3L, 4L, 5L, 6L);
    }

    @Test
    void aReSentUpdateOlderThanTheOriginsRememberedIsRefusedUnlessTheBackupReceivedItInASnapshot() {
        for (long sequence = 1; sequence <= BackupLog.ORIGINS_KEPT + 1; sequence++) {
            log.receive(update(1, sequence));
            log.applyReady();
        }
        log.fence(2);
        assertThat(log.receive(update(1, 2).resentIn(2)).isReceived()).isTrue();
        assertThat(log.receive(update(1, 1).resentIn(2)).reason()).contains("no longer knows which update");

        BackupLog joiner = new BackupLog("counter", 0, update -> { }, 10);
        joiner.receive(new StateUpdate("counter", 2, 40, BackupLog.SNAPSHOT, RequestResults.encode(java.util.Map.of()),
                new byte[0]));
        assertThat(joiner.receive(update(1, 39).resentIn(3)).isReceived()).as("inside its snapshot").isTrue();
        assertThat(joiner.receive(update(1, 40).resentIn(3)).isReceived()).isTrue();
    }

    private static StateUpdate update(long epoch, long sequence) {
        return new StateUpdate("counter", epoch, sequence, "request-" + sequence,
                ("result-" + sequence).getBytes(StandardCharsets.UTF_8), new byte[] {(byte) sequence});
    }
}
