package dev.gridha.durability.runtime.database;

import java.util.Map;

import org.hibernate.Session;
import org.hibernate.query.NativeQuery;

import dev.gridha.durability.runtime.Action;

/**
 * One action's database transaction: the native statements of every update the request made, committed or
 * rolled back with the action (thesis ch. IV: actions map to database transactions). Confined to the
 * request's thread.
 */
public final class DatabaseTransaction implements Action.Participant {

    private final Session session;
    private final String database;
    private final Runnable onFailure;

    /**
     * @param onFailure told of every failed statement or commit, so the pool can drop connections that a
     *                  database restart broke instead of handing them to the next request
     */
    DatabaseTransaction(Session session, String database, Runnable onFailure) {
        this.session = session;
        this.database = database;
        this.onFailure = onFailure;
    }

    /** Runs one statement with its parameter values. */
    public void execute(NamedSql statement, Map<String, Object> parameters) {
        try {
            @SuppressWarnings("rawtypes")
            NativeQuery query = session.createNativeQuery(statement.sql());
            parameters.forEach(query::setParameter);
            query.executeUpdate();
        } catch (RuntimeException e) {
            onFailure.run();
            throw new DatabaseUnavailableException("statement failed on " + database + ": "
                    + StateDatabase.rootMessage(e) + " [" + statement.sql() + "]", e);
        }
    }

    @Override
    public void commit() {
        try {
            session.getTransaction().commit();
        } catch (RuntimeException e) {
            onFailure.run();
            throw new DatabaseUnavailableException("commit failed on " + database + ": "
                    + StateDatabase.rootMessage(e), e);
        } finally {
            session.close();
        }
    }

    @Override
    public void rollback() {
        try {
            if (session.getTransaction().isActive()) {
                session.getTransaction().rollback();
            }
        } finally {
            session.close();
        }
    }
}
