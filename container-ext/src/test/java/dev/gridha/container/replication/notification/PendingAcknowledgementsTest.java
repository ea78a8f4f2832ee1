package dev.gridha.container.replication.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.gridha.container.replication.Acknowledgement;
import dev.gridha.container.replication.StateTransferException;
import dev.gridha.container.replication.StateUpdate;

class PendingAcknowledgementsTest {

    private final PendingAcknowledgements pending = new PendingAcknowledgements();

    @Test
    void anAcknowledgementCompletesTheUpdateOfItsGroupAndSequence() {
        CompletableFuture<Acknowledgement> one = pending.register(update("counter", 1));
        CompletableFuture<Acknowledgement> two = pending.register(update("counter", 2));

        assertThat(pending.acknowledge("counter", Acknowledgement.received(2))).isTrue();

        assertThat(two).isCompletedWithValue(Acknowledgement.received(2));
        assertThat(one).isNotDone();
    }

    @Test
    void anAcknowledgementForAnotherGroupOrAnUnsentUpdateCompletesNothing() {
        CompletableFuture<Acknowledgement> one = pending.register(update("counter", 1));

        assertThat(pending.acknowledge("matchmaker", Acknowledgement.received(1))).isFalse();
        assertThat(pending.acknowledge("counter", Acknowledgement.received(7))).isFalse();
        assertThat(one).isNotDone();
    }

    @Test
    void aSecondAcknowledgementOfTheSameUpdateIsRefused() {
        CompletableFuture<Acknowledgement> one = pending.register(update("counter", 1));
        assertThat(pending.acknowledge("counter", Acknowledgement.rejected(1, "stale epoch"))).isTrue();

        assertThat(pending.acknowledge("counter", Acknowledgement.received(1))).isFalse();
        assertThat(one.join().isReceived()).isFalse();
        assertThat(pending.isEmpty()).isTrue();
    }

    @Test
    void anUpdateTheCallerStoppedWaitingForLeavesTheTable() {
        CompletableFuture<Acknowledgement> one = pending.register(update("counter", 1));
        one.cancel(false);

        assertThat(pending.isEmpty()).isTrue();
        assertThat(pending.acknowledge("counter", Acknowledgement.received(1))).isFalse();
    }

    @Test
    void theSameUpdateCannotWaitTwice() {
        pending.register(update("counter", 1));
        assertThatThrownBy(() -> pending.register(update("counter", 1))).isInstanceOf(IllegalStateException.class);
        pending.register(update("matchmaker", 1));
    }

    @Test
    void failingAllFailsEveryWaitingUpdate() {
        CompletableFuture<Acknowledgement> one = pending.register(update("counter", 1));
        CompletableFuture<Acknowledgement> two = pending.register(update("counter", 2));

        pending.failAll(new StateTransferException("backup died"));

        assertThat(one).isCompletedExceptionally();
        assertThat(two).isCompletedExceptionally();
        assertThat(pending.isEmpty()).isTrue();
    }

    private static StateUpdate update(String group, long sequence) {
        return new StateUpdate(group, 1, sequence, null, new byte[0], new byte[0]);
    }
}
