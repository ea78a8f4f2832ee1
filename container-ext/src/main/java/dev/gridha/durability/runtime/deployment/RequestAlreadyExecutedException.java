package dev.gridha.durability.runtime.deployment;

/**
 * A fault-tolerant client resubmitted a request that was executed before, but its reply cannot be given
 * again. Executing it a second time would break exactly-once, so the resubmission is refused instead.
 */
public class RequestAlreadyExecutedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RequestAlreadyExecutedException(String requestId, String why) {
        super("request " + requestId + " was already executed, but its reply cannot be repeated (" + why
                + "); it is not executed again");
    }
}
