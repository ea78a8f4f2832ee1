package dev.gridha.container.failover.notification;

import org.oasis_open.docs.wsn.b_2.CreatePullPoint;
import org.oasis_open.docs.wsn.b_2.CreatePullPointResponse;
import org.oasis_open.docs.wsn.bw_2.UnableToCreatePullPointFault;

import dev.gridha.container.replication.notification.NotificationMessages;

/** CreatePullPoint: a queue of FAILURE notices for a client that cannot accept connections. */
final class FailurePullPointsPort implements org.oasis_open.docs.wsn.bw_2.CreatePullPoint {

    private final FailureNotifications notifications;

    FailurePullPointsPort(FailureNotifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public CreatePullPointResponse createPullPoint(CreatePullPoint request) throws UnableToCreatePullPointFault {
        String here = FailureNotificationEndpoints.requestAddress();
        String base = here.substring(0, here.length() - "/pullpoints".length());
        CreatePullPointResponse response = new CreatePullPointResponse();
        response.setPullPoint(NotificationMessages.reference(base + "/pullpoint?id=" + notifications.createPullPoint()));
        return response;
    }
}
