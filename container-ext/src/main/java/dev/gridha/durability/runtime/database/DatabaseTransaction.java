package dev.gridha.durability.runtime.database;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gridha.durability.runtime.Action;

/**
 * One action's database transaction (thesis ch. IV: actions map to database transactions): the native
 * statements of every update the request made, with their parameter values bound when the update ran,
 * executed and committed together when the action commits, or dropped when it rolls back. Running them at
 * commit rather than one by one lets {@link StateDatabase} commit concurrent actions in one transaction, and
 * holds no connection while a request (or a service transaction spanning several) is still running. The
 * statements only write: the state objects in memory answer every read, the database is for recovery.
 * Confined to the action's thread.
 */
public final class DatabaseTransaction implements Action.Participant {

    /** A statement with the values it was bound to. */
    record BoundStatement(NamedSql statement, Map<String, Object> parameters) {
    }

    private final StateDatabase database;
    private final List<BoundStatement> statements = new ArrayList<>();

    DatabaseTransaction(StateDatabase database) {
        this.database = database;
    }

    /** Adds one statement with its parameter values (they may be null: SQL NULL). */
    public void execute(NamedSql statement, Map<String, Object> parameters) {
        statements.add(new BoundStatement(statement, Collections.unmodifiableMap(new LinkedHashMap<>(parameters))));
    }

    /**
     * Runs the statements and commits them, returning only when they are durable.
     *
     * @throws DatabaseUnavailableException if a statement or the commit failed; nothing is committed
     *                                      unless the failure was the commit's own, with its outcome unknown
     */
    @Override
    public void commit() {
        if (!statements.isEmpty()) {
            database.commit(List.copyOf(statements));
        }
        statements.clear();
    }

    @Override
    public void rollback() {
        statements.clear();
    }
}
