package dev.gridha.container.replication.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.oasis_open.docs.wsn.b_2.NotificationMessageHolderType;
import org.oasis_open.docs.wsn.b_2.Notify;
import org.w3c.dom.Element;

import dev.gridha.container.replication.Acknowledgement;
import dev.gridha.container.replication.StateUpdate;

class NotificationMessagesTest {

    private static final String SUBSCRIPTION = "http://127.0.0.1:8080/primary/services/notification/subscriptions/1";

    @Test
    void aStateUpdateTravelsAsTheContractElementOnItsTopic() {
        StateUpdate update = new StateUpdate("counter", 2, 7, "client:7", new byte[] {1}, new byte[] {2, 3});
        Notify notify = NotificationMessages.stateUpdate(update, SUBSCRIPTION);

        NotificationMessageHolderType message = NotificationMessages.single(notify, Topics.STATE_UPDATE);
        assertThat(message.getMessage().getAny()).isInstanceOfSatisfying(Element.class,
                element -> assertThat(element.getNamespaceURI()).isEqualTo("http://gridha.dev/replication"));
        assertThat(NotificationMessages.stateUpdateOf(message)).isEqualTo(update);
        assertThat(NotificationMessages.subscriptionOf(message)).isEqualTo(SUBSCRIPTION);
        assertThat(message.getProducerReference()).as("optional, and costly to unmarshal").isNull();
    }

    @Test
    void anAcknowledgementTravelsOnItsOwnTopic() {
        Notify notify = NotificationMessages.acknowledgement(Acknowledgement.rejected(7, "stale epoch"),
                SUBSCRIPTION);

        assertThat(NotificationMessages.acknowledgementOf(
                NotificationMessages.single(notify, Topics.STATE_ACKNOWLEDGEMENT)))
                .isEqualTo(Acknowledgement.rejected(7, "stale epoch"));
        assertThatThrownBy(() -> NotificationMessages.single(notify, Topics.STATE_UPDATE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Topics.STATE_ACKNOWLEDGEMENT);
    }

    @Test
    void anAcknowledgementIsNotAStateUpdate() {
        Notify notify = NotificationMessages.acknowledgement(Acknowledgement.received(1), SUBSCRIPTION);
        NotificationMessageHolderType message = notify.getNotificationMessage().get(0);
        assertThatThrownBy(() -> NotificationMessages.stateUpdateOf(message))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMalformedNumberIsRefusedNotDefaulted() {
        Notify notify = NotificationMessages.acknowledgement(Acknowledgement.received(1), SUBSCRIPTION);
        NotificationMessageHolderType message = notify.getNotificationMessage().get(0);
        Element ack = (Element) message.getMessage().getAny();
        ack.getElementsByTagNameNS("http://gridha.dev/replication", "Sequence").item(0).setTextContent("one");

        assertThatThrownBy(() -> NotificationMessages.acknowledgementOf(message))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNotifyCarriesExactlyOneNotification() {
        Notify two = NotificationMessages.acknowledgement(Acknowledgement.received(1), SUBSCRIPTION);
        two.getNotificationMessage().addAll(
                NotificationMessages.acknowledgement(Acknowledgement.received(2), SUBSCRIPTION)
                        .getNotificationMessage());
        assertThatThrownBy(() -> NotificationMessages.single(two, Topics.STATE_ACKNOWLEDGEMENT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NotificationMessages.single(new Notify(), Topics.STATE_ACKNOWLEDGEMENT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
