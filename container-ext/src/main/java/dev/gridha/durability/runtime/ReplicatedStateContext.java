package dev.gridha.durability.runtime;

import java.util.Objects;

/**
 * The replication mechanism's side of one state object on the primary: each update call is recorded in the
 * current action (to be sent to the backups at commit), after a checkpoint of the object so the action can
 * be rolled back. An update outside any action is a programming error: it would change the primary without
 * ever reaching a backup.
 */
public final class ReplicatedStateContext implements StateContext {

    private final ActionScope actions;
    private final String stateObject;
    private final String key;
    private final Checkpointer checkpointer;

    /**
     * @param stateObject the object's name in the mapping
     * @param key         its resource key, or {@code null} for a singleton object
     */
    public ReplicatedStateContext(ActionScope actions, String stateObject, String key, Checkpointer checkpointer) {
        this.actions = Objects.requireNonNull(actions, "actions");
        this.stateObject = Objects.requireNonNull(stateObject, "stateObject");
        this.key = key;
        this.checkpointer = Objects.requireNonNull(checkpointer, "checkpointer");
    }

    @Override
    public void beforeUpdate(DurableState object) {
        action().touch(object, checkpointer);
    }

    @Override
    public void updated(DurableState object, String update, Object[] arguments) {
        action().record(new RecordedUpdate(stateObject, key, update, arguments));
    }

    private Action action() {
        return actions.current().orElseThrow(() -> new IllegalStateException("update of replicated state object '"
                + stateObject + "' outside a request: it would never reach the backups"));
    }
}
