package dev.gridha.durability.runtime;

/**
 * What a generated durability proxy calls around each update method; one context per state object, bound
 * to that object's mechanism and key. The mechanism decides what the calls mean: the database runs the
 * update's SQL in the request's transaction, replication appends the call to the request's update buffer,
 * reconstruction does nothing.
 *
 * <p>Concurrency: called on the request's thread, possibly inside the service's own synchronization of the
 * object. Mechanisms that roll back make the action hold the object until it ends, so concurrent requests
 * on one object run one after the other from their first touch.
 */
public interface StateContext {

    /**
     * Before a read-only method runs: the current action, if any, is about to read the object. Mechanisms
     * that roll back take the object for the action here.
     */
    default void beforeRead(DurableState object) {
    }

    /** Before an update method runs: the object is about to change in the current action. */
    void beforeUpdate(DurableState object);

    /**
     * After an update method returned normally.
     *
     * @param update    the update's id, such as {@code "setValue(int)"}
     * @param arguments the arguments it was called with
     */
    void updated(DurableState object, String update, Object[] arguments);
}
