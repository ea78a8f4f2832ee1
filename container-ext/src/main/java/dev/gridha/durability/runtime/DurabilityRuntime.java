package dev.gridha.durability.runtime;

/**
 * What a generated durable service calls: the state contexts for the objects its factories create, and the
 * action brackets around each operation. One runtime per service instance, chosen at deployment (primary
 * with backups, backup, or unreplicated).
 */
public interface DurabilityRuntime {

    /** The context for a new state object named {@code stateObject} in the mapping; {@code key} may be null. */
    StateContext context(String stateObject, String key);

    /**
     * A state factory made a new object for the service (not recovery): the runtime runs the mapping's
     * on-create statements in the current action and makes the object reachable for replay on a backup.
     *
     * @param arguments the factory's arguments after the key, as the mapping's {@code :argN} sees them
     */
    void created(String stateObject, String key, DurableState object, Object[] arguments);

    /**
     * What the request being served on this thread returned when it was executed before (a fault-tolerant
     * client resubmitted it after a failure): its result, an {@code Object[]} of return value and out
     * parameters, or its declared fault, to answer with instead of executing it again. Empty if it is new;
     * then the caller executes it and {@link #commit}s or {@link #abort}s.
     */
    default java.util.Optional<Object> previousResult() {
        return java.util.Optional.empty();
    }

    /** Opens the action for the request being served on this thread (startA). */
    Action start();

    /** Makes the action durable with the operation's result (commitA); on failure rolls back and throws. */
    void commit(Action action, Object result);

    /** Undoes the action because the operation failed (its exception is then rethrown to the client). */
    void abort(Action action);
}
