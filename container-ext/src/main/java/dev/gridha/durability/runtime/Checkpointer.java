package dev.gridha.durability.runtime;

/**
 * Takes a checkpoint of a state object before an action first changes it, and returns how to put the object
 * back. The mapping's {@code <checkpoint strategy>} chooses the implementation.
 */
@FunctionalInterface
public interface Checkpointer {

    /** Never rolls back in memory (reconstruction: the object is rebuilt anyway). */
    Checkpointer NONE = object -> () -> { };

    Runnable checkpoint(DurableState object);
}
