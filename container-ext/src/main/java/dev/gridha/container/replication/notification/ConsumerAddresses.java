package dev.gridha.container.replication.notification;

import java.net.URI;

import org.oasis_open.docs.wsn.b_2.Subscribe;
import org.oasis_open.docs.wsn.b_2.SubscribeCreationFailedFaultType;
import org.oasis_open.docs.wsn.bw_2.SubscribeCreationFailedFault;

/** The consumer a Subscribe names, which every gridha producer requires to be an http(s) address. */
public final class ConsumerAddresses {

    private ConsumerAddresses() {
    }

    /** @throws SubscribeCreationFailedFault if there is none, or it is not an http(s) address */
    public static String of(Subscribe request) throws SubscribeCreationFailedFault {
        if (request.getConsumerReference() == null) {
            throw creationFailed("Subscribe without a ConsumerReference");
        }
        String address;
        try {
            address = NotificationMessages.address(request.getConsumerReference());
        } catch (IllegalArgumentException e) {
            throw creationFailed(e.getMessage());
        }
        String scheme;
        try {
            scheme = URI.create(address).getScheme();
        } catch (IllegalArgumentException e) {
            throw creationFailed("consumer address " + address + " is not a URI");
        }
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw creationFailed("consumer address " + address + " is not an HTTP address");
        }
        return address;
    }

    public static SubscribeCreationFailedFault creationFailed(String message) {
        return new SubscribeCreationFailedFault(message,
                BaseFaults.describe(new SubscribeCreationFailedFaultType(), message));
    }
}
