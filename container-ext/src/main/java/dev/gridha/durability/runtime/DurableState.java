package dev.gridha.durability.runtime;

/**
 * Implemented by every durability proxy the compiler generates. It lets the runtime apply a recorded update
 * to the object without recording it again: a backup replaying the primary's calls, or recovery replaying
 * rows from the database.
 */
public interface DurableState {

    /**
     * Calls the update method {@code update} (its id, such as {@code "setValue(int)"}) on the plain object.
     *
     * @throws IllegalArgumentException if the class has no such update
     */
    void replay(String update, Object[] arguments);
}
