package dev.gridha.container.replication.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.gridha.container.replication.Acknowledgement;
import dev.gridha.container.replication.StateUpdate;

class ReplicationMessagesTest {

    @Test
    void anUpdateSurvivesTheXmlFormIncludingAMissingRequestId() {
        StateUpdate update = new StateUpdate("counter", 3, 17, "client:9", new byte[] {1, 2}, new byte[] {0, -1, 7});
        StateUpdate internal = new StateUpdate("counter", 3, 18, null, new byte[0], new byte[] {5});

        assertThat(ReplicationMessages.fromXml(ReplicationMessages.toXml(update))).isEqualTo(update);
        assertThat(ReplicationMessages.fromXml(ReplicationMessages.toXml(internal))).isEqualTo(internal);
    }

    @Test
    void aReSentUpdateKeepsItsOriginEpochAndAnUpdateOfItsOwnEpochCarriesNone() {
        StateUpdate update = new StateUpdate("counter", 3, 17, "client:9", new byte[] {1}, new byte[] {2});

        assertThat(ReplicationMessages.toXml(update).getOriginEpoch()).isNull();
        assertThat(ReplicationMessages.fromXml(ReplicationMessages.toXml(update.resentIn(4))))
                .isEqualTo(update.resentIn(4)).extracting(StateUpdate::origin).isEqualTo(3L);
    }

    @Test
    void bothOutcomesSurviveTheXmlForm() {
        Acknowledgement received = Acknowledgement.received(4);
        Acknowledgement rejected = Acknowledgement.rejected(5, "stale epoch 1 < 2");

        assertThat(ReplicationMessages.fromXml(ReplicationMessages.toXml(received))).isEqualTo(received);
        assertThat(ReplicationMessages.fromXml(ReplicationMessages.toXml(rejected))).isEqualTo(rejected);
    }

    @Test
    void anUpdateMissingItsPayloadOrBreakingTheRecordsRulesIsRefused() {
        dev.gridha.contracts.replication.StateUpdate noPayload = ReplicationMessages.toXml(
                new StateUpdate("counter", 1, 1, null, new byte[0], new byte[0]));
        noPayload.setPayload(null);
        dev.gridha.contracts.replication.StateUpdate negative = ReplicationMessages.toXml(
                new StateUpdate("counter", 1, 1, null, new byte[0], new byte[0]));
        negative.setSequence(-1);

        assertThatThrownBy(() -> ReplicationMessages.fromXml(noPayload)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReplicationMessages.fromXml(negative)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAcknowledgementWithoutOutcomeIsRefused() {
        dev.gridha.contracts.replication.Acknowledgement ack = ReplicationMessages.toXml(Acknowledgement.received(1));
        ack.setOutcome(null);

        assertThatThrownBy(() -> ReplicationMessages.fromXml(ack)).isInstanceOf(IllegalArgumentException.class);
    }
}
