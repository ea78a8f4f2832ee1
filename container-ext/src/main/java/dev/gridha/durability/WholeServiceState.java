package dev.gridha.durability;

/**
 * Implemented by a service that has no durability mapping but lets the container copy its whole state
 * (thesis ch. III, whole-service replication): after every request the primary extracts the state and sends
 * it to every backup, which injects it. Simple for the developer, costly for big states; the mapping and
 * its per-object mechanisms are the alternative.
 *
 * <p>Both methods are called with no request running on the service (the container serializes requests in
 * this mode), so they see a consistent state.
 */
public interface WholeServiceState {

    /** The service's whole state, in a form {@link #injectState(byte[])} accepts. */
    byte[] extractState();

    /**
     * Replaces the service's whole state: on a backup with the primary's, and on the primary with the state
     * from before a request that failed (so a failed request leaves nothing behind).
     */
    void injectState(byte[] state);
}
