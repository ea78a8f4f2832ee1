package dev.gridha.manager.balancer;

import java.net.URI;
import java.util.List;

/**
 * The front of a set of containers serving the same services: new requests go to the active ones only, so
 * the rejuvenation coordinator can switch to a standby and drain the old container before restarting it.
 * Implemented by the embedded reverse proxy ({@link EmbeddedBalancer}, the default) and by a driver for a
 * real HAProxy through its runtime API.
 */
public interface Balancer extends AutoCloseable {

    /** Where clients send their requests. */
    URI front();

    /** Puts a container behind the balancer, taking no requests until {@link #activate}d. */
    void add(String id, URI base);

    /** New requests may go to {@code id}. */
    void activate(String id);

    /** {@code id} is ready and takes no requests (a hot standby). */
    void standBy(String id);

    /** {@code id} takes no new requests; those in flight finish. */
    void drain(String id);

    /** {@code id} takes nothing (it is being restarted, or is dead). */
    void down(String id);

    /** Requests sent to {@code id} and not yet answered. */
    int inFlight(String id);

    /** Every container behind the balancer, in the order added. */
    List<BackendStatus> backends();

    @Override
    void close();
}
