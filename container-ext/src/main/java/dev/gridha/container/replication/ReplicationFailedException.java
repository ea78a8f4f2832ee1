package dev.gridha.container.replication;

import java.util.Map;

/**
 * A state update did not reach every backup in time, so the request that made it must not be answered as
 * if it were durable. Names each backup that failed and why.
 */
public class ReplicationFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, String> failures;

    public ReplicationFailedException(long sequence, Map<String, String> failures) {
        super("state update " + sequence + " not acknowledged by every backup: " + failures);
        this.failures = Map.copyOf(failures);
    }

    /** Backup address to what went wrong there. */
    public Map<String, String> failures() {
        return failures;
    }
}
