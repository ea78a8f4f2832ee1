package dev.gridha.container.replication.notification;

import org.oasis_open.docs.wsn.b_2.Renew;
import org.oasis_open.docs.wsn.b_2.RenewResponse;
import org.oasis_open.docs.wsn.b_2.UnacceptableTerminationTimeFaultType;
import org.oasis_open.docs.wsn.b_2.Unsubscribe;
import org.oasis_open.docs.wsn.b_2.UnsubscribeResponse;
import org.oasis_open.docs.wsn.bw_2.SubscriptionManager;
import org.oasis_open.docs.wsn.bw_2.UnacceptableTerminationTimeFault;
import org.oasis_open.docs.wsrf.r_2.ResourceUnknownFaultType;
import org.oasis_open.docs.wsrf.rw_2.ResourceUnknownFault;

/**
 * The SubscriptionManager of one backup's subscription: Unsubscribe ends it (no more updates, this
 * endpoint goes away). Subscriptions do not expire, so there is nothing to renew.
 */
final class SubscriptionManagerPort implements SubscriptionManager {

    private final NotificationProducerEndpoint producer;
    private final String reference;

    SubscriptionManagerPort(NotificationProducerEndpoint producer, String reference) {
        this.producer = producer;
        this.reference = reference;
    }

    @Override
    public UnsubscribeResponse unsubscribe(Unsubscribe request) throws ResourceUnknownFault {
        if (!producer.endSubscription(reference)) {
            String message = "subscription " + reference + " has already ended";
            throw new ResourceUnknownFault(message, BaseFaults.describe(new ResourceUnknownFaultType(), message));
        }
        return new UnsubscribeResponse();
    }

    @Override
    public RenewResponse renew(Renew request) throws UnacceptableTerminationTimeFault {
        String message = "state update subscriptions last until they are unsubscribed; there is nothing to renew";
        throw new UnacceptableTerminationTimeFault(message,
                BaseFaults.describe(new UnacceptableTerminationTimeFaultType(), message));
    }
}
