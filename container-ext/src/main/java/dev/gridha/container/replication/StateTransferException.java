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
}
