package dev.gridha.container.durability;

import java.util.Optional;

import dev.gridha.container.replication.ReplicationFailedException;
import dev.gridha.durability.runtime.database.DatabaseUnavailableException;
import dev.gridha.durability.runtime.deployment.NotPrimaryException;

/**
 * Which failures mean "the service could not make this request durable", and the error code each goes by
 * on the wire. The request changed nothing (its action was rolled back), so a client may retry it.
 */
record StateUnavailable(String errorCode, String description) {

    static final String DATABASE = "state.database-unavailable";
    static final String REPLICATION = "state.replication-failed";
    static final String NOT_PRIMARY = "state.not-primary";

    /** The failure among {@code failure} and its causes that the durability runtime raised, if any. */
    static Optional<StateUnavailable> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseUnavailableException) {
                return Optional.of(new StateUnavailable(DATABASE, "the request was not carried out: its state"
                        + " could not be made durable (" + t.getMessage() + "); nothing changed, retry later"));
            }
            if (t instanceof ReplicationFailedException) {
                return Optional.of(new StateUnavailable(REPLICATION, "the request was not carried out: not every"
                        + " backup acknowledged its state (" + t.getMessage() + "); nothing changed, retry later"));
            }
            if (t instanceof NotPrimaryException) {
                return Optional.of(new StateUnavailable(NOT_PRIMARY, t.getMessage()));
            }
        }
        return Optional.empty();
    }
}
