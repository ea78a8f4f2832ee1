package dev.gridha.container.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class PrimaryReplicatorTest {

    /** A backup whose answer to each update is scripted by the test. */
    private static final class ScriptedBackup implements StateTransfer {
        final String peer;
        final Function<StateUpdate, CompletableFuture<Acknowledgement>> answer;
        final List<StateUpdate> sent = new ArrayList<>();
        boolean closed;
        boolean broken;

        ScriptedBackup(String peer, Function<StateUpdate, CompletableFuture<Acknowledgement>> answer) {
            this.peer = peer;
            this.answer = answer;
        }

        @Override
        public CompletableFuture<Acknowledgement> send(StateUpdate update) {
            sent.add(update);
            return answer.apply(update);
        }

        @Override
        public String peer() {
            return peer;
        }

        @Override
        public boolean isOpen() {
            return !broken && !closed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static ScriptedBackup acknowledging(String peer) {
        return new ScriptedBackup(peer, u -> CompletableFuture.completedFuture(Acknowledgement.received(u.sequence())));
    }

    @Test
    void sendsToOnlyABackupWhoseChannelIsNotKnownBroken() {
        ScriptedBackup a = acknowledging("a");
        PrimaryReplicator replicator = new PrimaryReplicator("counter", 2, List.of(a), Duration.ofSeconds(1), 0);
        assertThat(replicator.sendsTo("a")).isTrue();
        assertThat(replicator.sendsTo("b")).isFalse();

        a.broken = true; // its process died: the connection read end-of-stream

        assertThat(replicator.sendsTo("a")).isFalse();
        assertThat(replicator.peers()).containsExactly("a"); // still a backup until an update fails or it is dropped
    }

    @Test
    void aPromotedBackupReSendsItsTailInItsOwnEpochKeepingEachUpdatesOriginAndReportsTheBackupsThatRefuse() {
        ScriptedBackup a = acknowledging("a");
        ScriptedBackup b = new ScriptedBackup("b", u -> CompletableFuture.completedFuture(u.sequence() == 8
                ? Acknowledgement.rejected(8, "holds another update at 8") : Acknowledgement.received(u.sequence())));
        PrimaryReplicator replicator = new PrimaryReplicator("counter", 3, List.of(a, b), Duration.ofSeconds(1), 9);
        List<StateUpdate> tail = List.of(new StateUpdate("counter", 1, 8, "r8", new byte[0], new byte[] {8}),
                new StateUpdate("counter", 2, 9, "r9", new byte[0], new byte[] {9}));

        assertThat(replicator.resend(tail)).containsOnlyKeys("b").containsValue("re-sent update 8: refused: holds"
                + " another update at 8");
        assertThat(a.sent).containsExactly(tail.get(0).resentIn(3), tail.get(1).resentIn(3));
        assertThat(a.sent).extracting(StateUpdate::epoch, StateUpdate::origin)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, 1L), org.assertj.core.groups.Tuple.tuple(3L, 2L));
        assertThat(replicator.replicate("r10", new byte[0], new byte[0])).as("new updates continue").isEqualTo(10);
    }

    @Test
    void aTailThatDoesNotEndAtTheLastSequenceIsNotReSent() {
        ScriptedBackup a = acknowledging("a");
        PrimaryReplicator replicator = new PrimaryReplicator("counter", 3, List.of(a), Duration.ofSeconds(1), 9);
        assertThatThrownBy(() -> replicator.resend(List.of(new StateUpdate("counter", 1, 8, null, new byte[0],
                new byte[0])))).isInstanceOf(IllegalStateException.class).hasMessageContaining("end at 8");
        assertThat(a.sent).isEmpty();
    }

    @Test
    void returnsWhenEveryBackupHasTheUpdate() {
        ScriptedBackup a = acknowledging("a");
        ScriptedBackup b = acknowledging("b");
        PrimaryReplicator replicator = new PrimaryReplicator("counter", 2, List.of(a, b), Duration.ofSeconds(1), 0);

        assertThat(replicator.replicate("req-1", new byte[] {7}, new byte[] {1, 2})).isEqualTo(1);
        assertThat(replicator.replicate("req-2", new byte[0], new byte[0])).isEqualTo(2);

        assertThat(a.sent).extracting(StateUpdate::sequence).containsExactly(1L, 2L);
        assertThat(b.sent.get(0)).isEqualTo(new StateUpdate("counter", 2, 1, "req-1", new byte[] {7}, new byte[] {1, 2}));
    }

    @Test
    void continuesTheSequenceOfAnExistingGroup() {
        ScriptedBackup a = acknowledging("a");
        assertThat(new PrimaryReplicator("g", 1, List.of(a), Duration.ofSeconds(1), 41)
                .replicate(null, new byte[0], new byte[0])).isEqualTo(42);
    }

    @Test
    void aRefusingBackupFailsTheRequestAndIsNamed() {
        ScriptedBackup refusing = new ScriptedBackup("b:9000",
                u -> CompletableFuture.completedFuture(Acknowledgement.rejected(u.sequence(), "stale epoch")));
        PrimaryReplicator replicator = new PrimaryReplicator("g", 1, List.of(acknowledging("a"), refusing),
                Duration.ofSeconds(1), 0);
        assertThatThrownBy(() -> replicator.replicate("r", new byte[0], new byte[0]))
                .isInstanceOfSatisfying(ReplicationFailedException.class, e ->
                        assertThat(e.failures()).containsOnlyKeys("b:9000").containsValue("refused: stale epoch"));
    }

    @Test
    void aSilentBackupFailsTheRequestAfterTheTimeout() {
        ScriptedBackup silent = new ScriptedBackup("silent", u -> new CompletableFuture<>());
        PrimaryReplicator replicator = new PrimaryReplicator("g", 1, List.of(silent), Duration.ofMillis(50), 0);
        assertThatThrownBy(() -> replicator.replicate("r", new byte[0], new byte[0]))
                .isInstanceOf(ReplicationFailedException.class).hasMessageContaining("no acknowledgement within 50 ms");
    }

    @Test
    void aTransportThatThrowsFailsTheRequest() {
        ScriptedBackup broken = new ScriptedBackup("broken", u -> {
            throw new StateTransferException("connection closed");
        });
        PrimaryReplicator replicator = new PrimaryReplicator("g", 1, List.of(broken), Duration.ofSeconds(1), 0);
        assertThatThrownBy(() -> replicator.replicate("r", new byte[0], new byte[0]))
                .isInstanceOf(ReplicationFailedException.class).hasMessageContaining("connection closed");
    }

    @Test
    void anAcknowledgementForAnotherUpdateDoesNotCount() {
        ScriptedBackup confused = new ScriptedBackup("confused",
                u -> CompletableFuture.completedFuture(Acknowledgement.received(u.sequence() + 1)));
        PrimaryReplicator replicator = new PrimaryReplicator("g", 1, List.of(confused), Duration.ofSeconds(1), 0);
        assertThatThrownBy(() -> replicator.replicate("r", new byte[0], new byte[0]))
                .isInstanceOf(ReplicationFailedException.class).hasMessageContaining("instead of 1");
    }

    @Test
    void withoutBackupsNothingIsSent() {
        PrimaryReplicator replicator = new PrimaryReplicator("g", 1, List.of(), Duration.ofSeconds(1), 0);
        assertThat(replicator.backupCount()).isZero();
        assertThat(replicator.replicate("r", new byte[0], new byte[0])).isEqualTo(1);
    }

    @Test
    void closingClosesEveryTransport() {
        ScriptedBackup a = acknowledging("a");
        new PrimaryReplicator("g", 1, List.of(a), Duration.ofSeconds(1), 0).close();
        assertThat(a.closed).isTrue();
    }
}
