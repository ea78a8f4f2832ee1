package dev.gridha.durability.runtime.database;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.gridha.durability.runtime.ActionBoundStateContext;
import dev.gridha.durability.runtime.ActionScope;
import dev.gridha.durability.runtime.Checkpointer;
import dev.gridha.durability.runtime.DurableState;

/**
 * The database mechanism's side of one state object: each update runs its mapping SQL in the current
 * action's transaction, so the request's reply waits for the commit; the object is checkpointed first so
 * an aborted action restores memory as the rollback restores the database.
 */
public final class DatabaseStateContext extends ActionBoundStateContext {

    private final StateDatabase database;
    private final String key;
    private final Map<String, List<NamedSql>> updates;

    /**
     * @param updates each update id to the statements its rule runs
     */
    public DatabaseStateContext(ActionScope actions, StateDatabase database, String stateObject, String key,
                                Map<String, List<NamedSql>> updates, Checkpointer checkpointer) {
        super(actions, stateObject, checkpointer, "it would never be committed");
        this.database = Objects.requireNonNull(database, "database");
        this.key = key;
        this.updates = Map.copyOf(updates);
    }

    @Override
    public void updated(DurableState object, String update, Object[] arguments) {
        List<NamedSql> statements = updates.get(update);
        if (statements == null) {
            throw new IllegalStateException("state object '" + stateObject() + "' has no SQL for update " + update);
        }
        run(statements, arguments);
    }

    /** Runs lifecycle statements (the mapping's on-create / on-destroy) in the current action. */
    public void run(List<NamedSql> statements, Object[] arguments) {
        DatabaseTransaction transaction = action().participant(database, database::begin);
        for (NamedSql statement : statements) {
            transaction.execute(statement, statement.bind(key, arguments));
        }
    }
}
