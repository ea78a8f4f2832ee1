package dev.gridha.container.replication.soap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.gridha.container.replication.Acknowledgement;
import dev.gridha.container.replication.StateUpdate;

class GuardedHandlerTest {

    private static final StateUpdate UPDATE = new StateUpdate("counter", 1, 7, "r", new byte[0], new byte[0]);

    @Test
    void theHandlersAnswerPassesThrough() {
        assertThat(new GuardedHandler(update -> Acknowledgement.rejected(update.sequence(), "stale")).receive(UPDATE))
                .isEqualTo(Acknowledgement.rejected(7, "stale"));
    }

    @Test
    void aHandlerThatThrowsRefusesTheUpdate() {
        Acknowledgement ack = new GuardedHandler(update -> {
            throw new IllegalStateException("queue full");
        }).receive(UPDATE);

        assertThat(ack.isReceived()).isFalse();
        assertThat(ack.sequence()).isEqualTo(7);
        assertThat(ack.reason()).contains("queue full");
    }

    @Test
    void aHandlerThatAnswersNothingRefusesTheUpdate() {
        Acknowledgement ack = new GuardedHandler(update -> null).receive(UPDATE);

        assertThat(ack.isReceived()).isFalse();
        assertThat(ack.reason()).contains("no acknowledgement");
    }
}
