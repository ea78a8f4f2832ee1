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
 */
public record BackendStatus(String id, URI base, BackendState state, int inFlight, long served, long failed) {
}
