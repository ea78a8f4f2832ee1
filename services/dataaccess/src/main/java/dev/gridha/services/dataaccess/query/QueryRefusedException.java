package dev.gridha.services.dataaccess.query;

/** A query request that was not run (or failed in the database), with the reason a person can act on. */
public final class QueryRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Refusal refusal;

    public QueryRefusedException(Refusal refusal, String message) {
        super(message);
        this.refusal = refusal;
    }

    public QueryRefusedException(Refusal refusal, String message, Throwable cause) {
        super(message, cause);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
