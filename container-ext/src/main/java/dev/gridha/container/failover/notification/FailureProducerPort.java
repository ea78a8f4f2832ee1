package dev.gridha.container.failover.notification;

import java.time.Duration;
import java.util.Optional;

import jakarta.xml.bind.JAXBElement;

import org.oasis_open.docs.wsn.b_2.GetCurrentMessage;
import org.oasis_open.docs.wsn.b_2.GetCurrentMessageResponse;
import org.oasis_open.docs.wsn.b_2.NoCurrentMessageOnTopicFaultType;
import org.oasis_open.docs.wsn.b_2.Subscribe;
import org.oasis_open.docs.wsn.b_2.SubscribeResponse;
import org.oasis_open.docs.wsn.b_2.UnacceptableInitialTerminationTimeFaultType;
import org.oasis_open.docs.wsn.bw_2.InvalidFilterFault;
import org.oasis_open.docs.wsn.bw_2.InvalidTopicExpressionFault;
import org.oasis_open.docs.wsn.bw_2.NoCurrentMessageOnTopicFault;
import org.oasis_open.docs.wsn.bw_2.NotificationProducer;
import org.oasis_open.docs.wsn.bw_2.SubscribeCreationFailedFault;
import org.oasis_open.docs.wsn.bw_2.TopicExpressionDialectUnknownFault;
import org.oasis_open.docs.wsn.bw_2.TopicNotSupportedFault;
import org.oasis_open.docs.wsn.bw_2.UnacceptableInitialTerminationTimeFault;

import dev.gridha.client.faulttolerance.FailureNotice;
import dev.gridha.container.replication.notification.BaseFaults;
import dev.gridha.container.replication.notification.ConsumerAddresses;
import dev.gridha.container.replication.notification.NotificationMessages;
import dev.gridha.container.replication.notification.Topics;

/** Subscribe to {@value FailureNotice#TOPIC}: push subscriptions, and the last take-over on request. */
final class FailureProducerPort implements NotificationProducer {

    private final FailureNotificationEndpoints endpoints;

    FailureProducerPort(FailureNotificationEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public SubscribeResponse subscribe(Subscribe request) throws InvalidFilterFault, TopicNotSupportedFault,
            TopicExpressionDialectUnknownFault, InvalidTopicExpressionFault, SubscribeCreationFailedFault,
            UnacceptableInitialTerminationTimeFault {
        Topics.requireTopic(request.getFilter(), FailureNotice.TOPIC);
        String consumer = ConsumerAddresses.of(request);
        Optional<Duration> lifetime;
        try {
            lifetime = Lifetimes.parse(text(request.getInitialTerminationTime()));
        } catch (IllegalArgumentException e) {
            String message = "InitialTerminationTime: " + e.getMessage();
            throw new UnacceptableInitialTerminationTimeFault(message,
                    BaseFaults.describe(new UnacceptableInitialTerminationTimeFaultType(), message));
        }
        String producer = FailureNotificationEndpoints.requestAddress();
        endpoints.producerReachedAt(producer);
        FailureNotifications.Subscription subscription = endpoints.notifications().subscribe(consumer, lifetime);
        SubscribeResponse response = new SubscribeResponse();
        response.setSubscriptionReference(NotificationMessages.reference(producer + "/subscription?id="
                + subscription.id()));
        response.setCurrentTime(BaseFaults.now());
        return response;
    }

    @Override
    public GetCurrentMessageResponse getCurrentMessage(GetCurrentMessage request) throws NoCurrentMessageOnTopicFault {
        Optional<FailureNotice> last = endpoints.notifications().last();
        if (last.isEmpty()) {
            String message = "no replica of group " + endpoints.group() + " has taken over here";
            throw new NoCurrentMessageOnTopicFault(message,
                    BaseFaults.describe(new NoCurrentMessageOnTopicFaultType(), message));
        }
        GetCurrentMessageResponse response = new GetCurrentMessageResponse();
        response.getAny().add(FailureNotificationEndpoints.content(last.get()).getAny());
        return response;
    }

    private static String text(JAXBElement<String> element) {
        return element == null ? null : element.getValue();
    }
}
