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

    /**
     * Whether a backup refused the update as coming from an older epoch: another replica has become primary
     * since, and this one must stop serving rather than carry on without that backup.
     */
    public boolean deposed() {
        return failures.values().stream()
                .anyMatch(reason -> reason.startsWith(PrimaryReplicator.REFUSED + BackupLog.STALE_EPOCH));
    }

    /** Backup address to what went wrong there. */
    public Map<String, String> failures() {
        return failures;
    }
}
