package dev.gridha.container.wsrf;

/**
 * No resource with this key lives in the home: it was never created, was destroyed, or its termination time
 * passed. Services turn it into the standard WS-Resource {@code ResourceUnknownFault}.
 */
public class ResourceUnknownException extends Exception {

    private final ResourceKey key;

    public ResourceUnknownException(String homeName, ResourceKey key) {
        super("no " + homeName + " resource with key " + key + " (never created, destroyed, or expired)");
        this.key = key;
    }

    public ResourceKey key() {
        return key;
    }
}
