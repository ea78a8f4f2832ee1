package dev.gridha.durability.runtime;

import java.util.Set;

/**
 * The replication mechanism's side of one state object on the primary: each update call is recorded in the
 * current action (to be sent to the backups at commit), after a checkpoint of the object so the action can
 * be rolled back. An update outside any action is a programming error: it would change the primary without
 * ever reaching a backup.
 */
public final class ReplicatedStateContext extends ActionBoundStateContext {

    private final String key;
    private final Set<String> serializedUpdates;

    /**
     * @param stateObject       the object's name in the mapping
     * @param key               its resource key, or {@code null} for a singleton object
     * @param serializedUpdates the updates whose rule is {@code serialize}: the backups get the object's
     *                          whole state after them; the others ({@code repeat}) get the call
     */
    public ReplicatedStateContext(ActionScope actions, String stateObject, String key, Checkpointer checkpointer,
                                  Set<String> serializedUpdates) {
        super(actions, stateObject, checkpointer, "it would never reach the backups");
        this.key = key;
        this.serializedUpdates = Set.copyOf(serializedUpdates);
    }

    /** A context whose updates are all repeated on the backups. */
    public ReplicatedStateContext(ActionScope actions, String stateObject, String key, Checkpointer checkpointer) {
        this(actions, stateObject, key, checkpointer, Set.of());
    }

    @Override
    public void updated(DurableState object, String update, Object[] arguments) {
        if (serializedUpdates.contains(update)) {
            action().record(new RecordedUpdate(stateObject(), key, RecordedUpdate.WHOLE_STATE,
                    new Object[] {StateSnapshots.serialize(object)}));
        } else {
            action().record(new RecordedUpdate(stateObject(), key, update, arguments));
        }
    }
}
