package dev.gridha.container.failover.notification;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

import org.oasis_open.docs.wsn.b_2.DestroyPullPoint;
import org.oasis_open.docs.wsn.b_2.DestroyPullPointResponse;
import org.oasis_open.docs.wsn.b_2.GetMessages;
import org.oasis_open.docs.wsn.b_2.GetMessagesResponse;
import org.oasis_open.docs.wsn.b_2.NotificationMessageHolderType;
import org.oasis_open.docs.wsn.b_2.Notify;
import org.oasis_open.docs.wsn.bw_2.PullPoint;
import org.oasis_open.docs.wsn.bw_2.UnableToDestroyPullPointFault;
import org.oasis_open.docs.wsn.bw_2.UnableToGetMessagesFault;
import org.oasis_open.docs.wsrf.r_2.ResourceUnknownFaultType;
import org.oasis_open.docs.wsrf.rw_2.ResourceUnknownFault;

import dev.gridha.client.faulttolerance.FailureNotice;
import dev.gridha.container.replication.notification.BaseFaults;
import dev.gridha.container.replication.notification.Topics;

/** Every pull point's GetMessages and DestroyPullPoint, told apart by the {@code id} in its address. */
final class FailurePullPointPort implements PullPoint {

    /** The most notices one GetMessages returns, whatever it asks for. */
    static final int MAX_MESSAGES = 16;

    private final FailureNotifications notifications;

    FailurePullPointPort(FailureNotifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public GetMessagesResponse getMessages(GetMessages request) throws UnableToGetMessagesFault, ResourceUnknownFault {
        String id = FailureNotificationEndpoints.requestedId();
        BigInteger asked = request.getMaximumNumber();
        int max = asked == null || asked.signum() <= 0 || asked.compareTo(BigInteger.valueOf(MAX_MESSAGES)) > 0
                ? MAX_MESSAGES : asked.intValue();
        Optional<List<FailureNotice>> taken = notifications.take(id, max);
        if (taken.isEmpty()) {
            throw unknown(id);
        }
        GetMessagesResponse response = new GetMessagesResponse();
        for (FailureNotice notice : taken.get()) {
            NotificationMessageHolderType message = new NotificationMessageHolderType();
            message.setTopic(Topics.expression(FailureNotice.TOPIC));
            message.setMessage(FailureNotificationEndpoints.content(notice));
            response.getNotificationMessage().add(message);
        }
        return response;
    }

    @Override
    public DestroyPullPointResponse destroyPullPoint(DestroyPullPoint request)
            throws UnableToDestroyPullPointFault, ResourceUnknownFault {
        String id = FailureNotificationEndpoints.requestedId();
        if (!notifications.destroyPullPoint(id)) {
            throw unknown(id);
        }
        return new DestroyPullPointResponse();
    }

    /** Only this replica puts notices into its pull points; a Notify from outside is ignored. */
    @Override
    public void notify(Notify notify) {
    }

    private static ResourceUnknownFault unknown(String id) {
        String message = "no pull point '" + id + "' here (destroyed, idle for "
                + FailureNotifications.PULL_POINT_IDLE.toMinutes() + " minutes, or never made)";
        return new ResourceUnknownFault(message, BaseFaults.describe(new ResourceUnknownFaultType(), message));
    }
}
