package dev.gridha.durability.runtime.mapping;

/** How a state object is kept durable (thesis ch. IV): the mapping's {@code mechanism} attribute. */
public enum Mechanism {
    /** Every update runs SQL in the request's transaction; the object is rebuilt from the rows. */
    DATABASE,
    /** Every update is sent to the backups and acknowledged before the reply. */
    REPLICATION,
    /** Nothing is kept; the object is rebuilt from scratch (recover = init). */
    RECONSTRUCTION
}
