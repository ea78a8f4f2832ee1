package dev.gridha.manager.probe;

/** A probe agent could not be read: unreachable, refusing, or answering something that cannot be trusted. */
public final class ProbeException extends Exception {

    private static final long serialVersionUID = 1L;

    public ProbeException(String message) {
        super(message);
    }

    public ProbeException(String message, Throwable cause) {
        super(message, cause);
    }
}
