package dev.gridha.container.failover.notification;

import java.time.Duration;
import java.util.Optional;

import org.oasis_open.docs.wsn.b_2.Renew;
import org.oasis_open.docs.wsn.b_2.RenewResponse;
import org.oasis_open.docs.wsn.b_2.UnacceptableTerminationTimeFaultType;
import org.oasis_open.docs.wsn.b_2.Unsubscribe;
import org.oasis_open.docs.wsn.b_2.UnsubscribeResponse;
import org.oasis_open.docs.wsn.bw_2.SubscriptionManager;
import org.oasis_open.docs.wsn.bw_2.UnacceptableTerminationTimeFault;
import org.oasis_open.docs.wsrf.r_2.ResourceUnknownFaultType;
import org.oasis_open.docs.wsrf.rw_2.ResourceUnknownFault;

import dev.gridha.container.replication.notification.BaseFaults;

/** One endpoint for every FAILURE subscription, told apart by the {@code id} in its address. */
final class FailureSubscriptionPort implements SubscriptionManager {

    private final FailureNotifications notifications;

    FailureSubscriptionPort(FailureNotifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public UnsubscribeResponse unsubscribe(Unsubscribe request) throws ResourceUnknownFault {
        String id = FailureNotificationEndpoints.requestedId();
        if (!notifications.unsubscribe(id)) {
            throw unknown(id);
        }
        return new UnsubscribeResponse();
    }

    @Override
    public RenewResponse renew(Renew request) throws ResourceUnknownFault, UnacceptableTerminationTimeFault {
        String id = FailureNotificationEndpoints.requestedId();
        Optional<Duration> lifetime;
        try {
            lifetime = Lifetimes.parse(request.getTerminationTime());
        } catch (IllegalArgumentException e) {
            String message = "TerminationTime: " + e.getMessage();
            throw new UnacceptableTerminationTimeFault(message,
                    BaseFaults.describe(new UnacceptableTerminationTimeFaultType(), message));
        }
        if (notifications.renew(id, lifetime).isEmpty()) {
            throw unknown(id);
        }
        RenewResponse response = new RenewResponse();
        response.setCurrentTime(BaseFaults.now());
        return response;
    }

    private static ResourceUnknownFault unknown(String id) {
        String message = "no FAILURE subscription '" + id + "' here (ended, expired, or never made)";
        return new ResourceUnknownFault(message, BaseFaults.describe(new ResourceUnknownFaultType(), message));
    }
}
