package dev.gridha.durability.runtime;

import java.util.Objects;

/**
 * The part every mechanism that keeps state shares: an update belongs to the request's action, the action
 * holds the object from its first read or update until it ends, the object is checkpointed before the action
 * first changes it, and an update outside any request is refused (it would change memory without ever
 * being made durable).
 */
public abstract class ActionBoundStateContext implements StateContext {

    private final ActionScope actions;
    private final String stateObject;
    private final Checkpointer checkpointer;
    private final String outsideRequestConsequence;

    /**
     * @param outsideRequestConsequence what an update outside a request would lead to, for the error message
     */
    protected ActionBoundStateContext(ActionScope actions, String stateObject, Checkpointer checkpointer,
                                      String outsideRequestConsequence) {
        this.actions = Objects.requireNonNull(actions, "actions");
        this.stateObject = Objects.requireNonNull(stateObject, "stateObject");
        this.checkpointer = Objects.requireNonNull(checkpointer, "checkpointer");
        this.outsideRequestConsequence = outsideRequestConsequence;
    }

    @Override
    public final void beforeUpdate(DurableState object) {
        Action action = action();
        actions.take(object, action, stateObject);
        action.touch(object, checkpointer);
    }

    /**
     * A read inside a request takes the object too, so it never sees a change that may still be rolled
     * back. A read outside any request (a status page, a test) takes nothing.
     */
    @Override
    public final void beforeRead(DurableState object) {
        actions.current().ifPresent(action -> actions.take(object, action, stateObject));
    }

    /** The state object's name in the mapping. */
    protected final String stateObject() {
        return stateObject;
    }

    /** The action open on this thread. */
    protected final Action action() {
        return actions.current().orElseThrow(() -> new IllegalStateException("update of state object '"
                + stateObject + "' outside a request: " + outsideRequestConsequence));
    }
}
