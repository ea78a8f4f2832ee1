package dev.gridha.container.replication;

/** State could not be transferred to a backup, or its answer could not be trusted. */
public class StateTransferException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StateTransferException(String message) {
        super(message);
    }

    public StateTransferException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code error}'s message with its root cause, for a failure reported to the primary's log and client. */
    public static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? String.valueOf(error.getMessage()) : error.getMessage() + " (" + root + ")";
    }
}
