package dev.gridha.durability.runtime;

/**
 * A service transaction request the deployment refuses, with the error code it goes by on the wire. Nothing
 * changed because of it.
 */
public final class TransactionException extends RuntimeException {

    /** The transaction is not open here: never begun, ended, expired, or lost in a failover. */
    public static final String UNKNOWN = "transaction.unknown";
    /** Too many transactions are open at once. */
    public static final String LIMIT = "transaction.limit";
    /** The requested timeout is out of range. */
    public static final String INVALID_TIMEOUT = "transaction.invalid-timeout";

    private static final long serialVersionUID = 1L;

    private final String errorCode;

    public TransactionException(String errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public String errorCode() {
        return errorCode;
    }
}
