package dev.gridha.manager.balancer;

import java.net.URI;

/**
 * A container as the balancer sees it.
 *
 * @param id        the container's name
 * @param base      where requests for it go (scheme, host, port; the request's path is kept)
 * @param state     what the balancer does with it
 * @param inFlight  requests sent to it and not yet answered
 * @param served    requests it has answered since it was added
 * @param failed    requests to it that ended without an answer from it (refused, reset, timed out)
 * @param requestsPerSecond answers per second lately (the last several seconds)
 * @param latencyMillis the recent answers' mean time from the request's arrival to its answer written back,
 *                  NaN if unknown
 */
public record BackendStatus(String id, URI base, BackendState state, int inFlight, long served, long failed,
                            double requestsPerSecond, double latencyMillis) {

    /** A container whose recent traffic is not known. */
    public BackendStatus(String id, URI base, BackendState state, int inFlight, long served, long failed) {
        this(id, base, state, inFlight, served, failed, 0, Double.NaN);
    }
}
