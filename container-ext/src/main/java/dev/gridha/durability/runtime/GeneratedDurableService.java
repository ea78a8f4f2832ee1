package dev.gridha.durability.runtime;

import dev.gridha.durability.runtime.mapping.DurabilityDescriptor;

/**
 * Implemented by every durable service the compiler generates: what a deployment needs to start it. The
 * service's mapping travels as a {@link DurabilityDescriptor}, so the WAR never parses XML at run time.
 */
public interface GeneratedDurableService {

    /** The service's validated mapping. */
    DurabilityDescriptor durabilityDescriptor();

    /**
     * The one object of an unkeyed state object, created through its state factory on first use; the
     * service's own calls of that factory get the same object. A backup creates its objects this way before
     * the first update arrives, recovery before it replays rows.
     */
    DurableState singletonStateObject(String stateObject);

    /**
     * A new object of a keyed state object for recovery: built directly (no on-create statements run), with
     * zero or null constructor arguments, for recovery to replay its row into.
     */
    DurableState restoredStateObject(String stateObject, String key);
}
