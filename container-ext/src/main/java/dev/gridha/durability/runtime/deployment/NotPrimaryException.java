package dev.gridha.durability.runtime.deployment;

/** A request reached a deployment that is not the primary of its group; the client should go elsewhere. */
public final class NotPrimaryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotPrimaryException(String message) {
        super(message);
    }
}
