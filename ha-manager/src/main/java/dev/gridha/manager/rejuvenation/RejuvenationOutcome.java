package dev.gridha.manager.rejuvenation;

import java.time.Duration;

/**
 * How one rejuvenation ended.
 *
 * @param container   the container rejuvenated (or meant to be)
 * @param standby     the standby that took over its requests, or null if none did
 * @param result      what came of it
 * @param cutRequests requests still in flight on the old container when the drain's bound ran out, or when it
 *                    was found dead (they fail)
 * @param took        from the decision to the end
 * @param reason      in words, for the event log
 */
public record RejuvenationOutcome(String container, String standby, Result result, int cutRequests, Duration took,
                                  String reason) {

    public enum Result {
        /** The standby serves, the old container was restarted and is the next standby. */
        DONE,
        /** Nothing changed: the old container keeps serving (no standby ready, or it was not serving). */
        ABANDONED,
        /** The standby serves, but the old container did not come back: there is no standby now. */
        NOT_BACK
    }
}
