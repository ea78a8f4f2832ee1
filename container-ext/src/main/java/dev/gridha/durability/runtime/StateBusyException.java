package dev.gridha.durability.runtime;

/**
 * A request waited too long for a state object that another open action (a request committing, or a
 * service transaction) holds. The request changed nothing; the client may retry it.
 */
public final class StateBusyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StateBusyException(String message) {
        super(message);
    }
}
