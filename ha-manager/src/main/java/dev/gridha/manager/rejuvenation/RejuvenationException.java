package dev.gridha.manager.rejuvenation;

/** A rejuvenation action that could not be carried out. */
public final class RejuvenationException extends Exception {

    private static final long serialVersionUID = 1L;

    public RejuvenationException(String message) {
        super(message);
    }

    public RejuvenationException(String message, Throwable cause) {
        super(message, cause);
    }
}
