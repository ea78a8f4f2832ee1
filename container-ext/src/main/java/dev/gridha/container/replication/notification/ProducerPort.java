package dev.gridha.container.replication.notification;

import java.util.UUID;

import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.oasis_open.docs.wsn.b_2.GetCurrentMessage;
import org.oasis_open.docs.wsn.b_2.GetCurrentMessageResponse;
import org.oasis_open.docs.wsn.b_2.NoCurrentMessageOnTopicFaultType;
import org.oasis_open.docs.wsn.b_2.Subscribe;
import org.oasis_open.docs.wsn.b_2.SubscribeResponse;
import org.oasis_open.docs.wsn.bw_2.InvalidFilterFault;
import org.oasis_open.docs.wsn.bw_2.InvalidTopicExpressionFault;
import org.oasis_open.docs.wsn.bw_2.NoCurrentMessageOnTopicFault;
import org.oasis_open.docs.wsn.bw_2.NotificationProducer;
import org.oasis_open.docs.wsn.bw_2.SubscribeCreationFailedFault;
import org.oasis_open.docs.wsn.bw_2.TopicExpressionDialectUnknownFault;
import org.oasis_open.docs.wsn.bw_2.TopicNotSupportedFault;

/**
 * The primary's NotificationProducer port: a verified Subscribe to {@value Topics#STATE_UPDATE} becomes a
 * subscription with its own SubscriptionManager endpoint (see {@link NotificationProducerEndpoint}). The
 * addresses handed back are built from the address the Subscribe arrived at, because behind a servlet the
 * primary knows only its paths, and the backup reached it at exactly that address.
 */
final class ProducerPort implements NotificationProducer {

    private final NotificationProducerEndpoint producer;

    ProducerPort(NotificationProducerEndpoint producer) {
        this.producer = producer;
    }

    @Override
    public SubscribeResponse subscribe(Subscribe request) throws InvalidFilterFault, TopicNotSupportedFault,
            TopicExpressionDialectUnknownFault, InvalidTopicExpressionFault, SubscribeCreationFailedFault {
        Topics.requireStateUpdate(request.getFilter());
        String consumer = ConsumerAddresses.of(request);
        String id = UUID.randomUUID().toString();
        String producerAddress = requestAddress();
        String reference = producerAddress + NotificationProducerEndpoint.SUBSCRIPTIONS + id;
        try {
            producer.subscribe(consumer, reference, id);
        } catch (IllegalStateException e) {
            throw ConsumerAddresses.creationFailed(e.getMessage());
        }
        SubscribeResponse response = new SubscribeResponse();
        response.setSubscriptionReference(NotificationMessages.reference(reference));
        // no TerminationTime: a subscription lasts until it is unsubscribed or its transfer fails
        response.setCurrentTime(BaseFaults.now());
        return response;
    }

    @Override
    public GetCurrentMessageResponse getCurrentMessage(GetCurrentMessage request) throws NoCurrentMessageOnTopicFault {
        String message = "state updates are not retained: subscribe to " + Topics.STATE_UPDATE;
        throw new NoCurrentMessageOnTopicFault(message, BaseFaults.describe(new NoCurrentMessageOnTopicFaultType(), message));
    }

    private static String requestAddress() throws SubscribeCreationFailedFault {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        Object url = message == null ? null : message.get(Message.REQUEST_URL);
        if (url == null) {
            throw ConsumerAddresses.creationFailed("the producer cannot tell the address it was called at");
        }
        return url.toString();
    }
}
