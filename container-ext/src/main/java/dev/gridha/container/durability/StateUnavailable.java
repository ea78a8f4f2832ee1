package dev.gridha.container.durability;

import java.util.Optional;

import dev.gridha.container.replication.ReplicationFailedException;
import dev.gridha.durability.runtime.StateBusyException;
import dev.gridha.durability.runtime.TransactionException;
import dev.gridha.durability.runtime.database.DatabaseUnavailableException;
import dev.gridha.durability.runtime.deployment.NotPrimaryException;
import dev.gridha.durability.runtime.deployment.RequestAlreadyExecutedException;

/**
 * Which failures mean "the service could not make this request durable" (or could not run it in the
 * transaction it named), and the error code each goes by on the wire. The request changed nothing (its
 * action was rolled back), so a client may retry it.
 */
record StateUnavailable(String errorCode, String description) {

    static final String DATABASE = "state.database-unavailable";
    static final String REPLICATION = "state.replication-failed";
    static final String NOT_PRIMARY = "state.not-primary";
    static final String BUSY = "state.busy";
    static final String ALREADY_EXECUTED = "request.already-executed";

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
            if (t instanceof StateBusyException) {
                return Optional.of(new StateUnavailable(BUSY, t.getMessage()));
            }
            if (t instanceof RequestAlreadyExecutedException) {
                return Optional.of(new StateUnavailable(ALREADY_EXECUTED, t.getMessage()));
            }
            if (t instanceof TransactionException refused) {
                return Optional.of(new StateUnavailable(refused.errorCode(), t.getMessage()));
            }
        }
        return Optional.empty();
    }
}
