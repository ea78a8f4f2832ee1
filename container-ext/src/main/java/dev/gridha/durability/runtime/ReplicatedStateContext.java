package dev.gridha.durability.runtime;

/**
 * The replication mechanism's side of one state object on the primary: each update call is recorded in the
 * current action (to be sent to the backups at commit), after a checkpoint of the object so the action can
 * be rolled back. An update outside any action is a programming error: it would change the primary without
 * ever reaching a backup.
 */
public final class ReplicatedStateContext extends ActionBoundStateContext {

    private final String key;

    /**
     * @param stateObject the object's name in the mapping
     * @param key         its resource key, or {@code null} for a singleton object
     */
    public ReplicatedStateContext(ActionScope actions, String stateObject, String key, Checkpointer checkpointer) {
        super(actions, stateObject, checkpointer, "it would never reach the backups");
        this.key = key;
    }

    @Override
    public void updated(DurableState object, String update, Object[] arguments) {
        action().record(new RecordedUpdate(stateObject(), key, update, arguments));
    }
}
