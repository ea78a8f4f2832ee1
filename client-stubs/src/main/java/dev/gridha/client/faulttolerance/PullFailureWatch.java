package dev.gridha.client.faulttolerance;

import java.math.BigInteger;
import java.time.Duration;

import org.oasis_open.docs.wsn.b_2.CreatePullPoint;
import org.oasis_open.docs.wsn.b_2.DestroyPullPoint;
import org.oasis_open.docs.wsn.b_2.GetMessages;
import org.oasis_open.docs.wsn.b_2.NotificationMessageHolderType;
import org.oasis_open.docs.wsn.bw_2.PullPoint;
import org.oasis_open.docs.wsrf.rw_2.ResourceUnknownFault;
import org.w3c.dom.Element;

/** A pull point at every replica, fetched every period: no connection into the client is needed. */
final class PullFailureWatch extends FailureWatch {

    private final PullPoint[] pullPoints;

    private PullFailureWatch(FaultTolerance tolerance) {
        super(tolerance, "pull");
        this.pullPoints = new PullPoint[tolerance.replicas().size()];
    }

    static PullFailureWatch start(FaultTolerance tolerance, Duration every) {
        if (every.toMillis() < 10) {
            throw new IllegalArgumentException("fetch at most every 10 ms, not every " + every.toMillis() + " ms");
        }
        PullFailureWatch watch = new PullFailureWatch(tolerance);
        tolerance.watched();
        for (int replica = 0; replica < watch.pullPoints.length; replica++) {
            int index = replica;
            watch.every(every, () -> watch.fetch(index));
        }
        return watch;
    }

    /** On the timer: creates the replica's pull point if it has none, then takes its notices. */
    private void fetch(int replica) {
        PullPoint point = pullPoints[replica];
        if (point == null) {
            org.oasis_open.docs.wsn.bw_2.CreatePullPoint factory = port(org.oasis_open.docs.wsn.bw_2.CreatePullPoint.class,
                    producer(replica) + "/pullpoints");
            try {
                String address = addressOf(factory.createPullPoint(new CreatePullPoint()).getPullPoint());
                point = port(PullPoint.class, address);
                pullPoints[replica] = point;
            } catch (org.oasis_open.docs.wsn.bw_2.UnableToCreatePullPointFault e) {
                return;
            }
        }
        GetMessages request = new GetMessages();
        request.setMaximumNumber(BigInteger.valueOf(16));
        try {
            for (NotificationMessageHolderType message : point.getMessages(request).getNotificationMessage()) {
                if (message.getMessage() != null && message.getMessage().getAny() instanceof Element content) {
                    FailureNotice.from(content).ifPresent(notice -> tolerance.tookOver(replica, notice.epoch()));
                }
            }
        } catch (ResourceUnknownFault gone) {
            pullPoints[replica] = null; // the replica restarted, or the pull point idled out: make a new one
        } catch (org.oasis_open.docs.wsn.bw_2.UnableToGetMessagesFault e) {
            // tried again next period
        } catch (RuntimeException unreachable) {
            pullPoints[replica] = null; // it may come back as a new process without this pull point
        }
    }

    static String addressOf(jakarta.xml.ws.wsaddressing.W3CEndpointReference reference) {
        javax.xml.transform.dom.DOMResult dom = new javax.xml.transform.dom.DOMResult();
        reference.writeTo(dom);
        var addresses = ((org.w3c.dom.Document) dom.getNode())
                .getElementsByTagNameNS("http://www.w3.org/2005/08/addressing", "Address");
        if (addresses.getLength() != 1) {
            throw new IllegalArgumentException("endpoint reference without an address");
        }
        return addresses.item(0).getTextContent().strip();
    }

    @Override
    protected void release() {
        for (PullPoint point : pullPoints) {
            if (point != null) {
                try {
                    point.destroyPullPoint(new DestroyPullPoint());
                } catch (Exception e) {
                    // gone already; it idles out at the replica anyway
                }
            }
        }
    }
}
