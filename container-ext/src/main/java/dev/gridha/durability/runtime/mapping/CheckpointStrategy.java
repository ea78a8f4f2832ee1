package dev.gridha.durability.runtime.mapping;

/** How a state object is put back when its action aborts: the mapping's {@code <checkpoint strategy>}. */
public enum CheckpointStrategy {
    /** Java serialization of the object before the action first changes it. */
    SERIALIZE,
    /** Reload the object from its mechanism (the database's recovery query). */
    RECOVER,
    /** Never rolled back in memory. */
    NONE
}
