package dev.gridha.durability.runtime.database;

import java.util.List;
import java.util.Map;

import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;

/**
 * The database behind the database durability mechanism, reached through Hibernate ORM: a session factory
 * without entities, used for the mapping's native SQL. Each request's statements run in one transaction
 * ({@link DatabaseTransaction}), committed with the request's action.
 */
public final class StateDatabase implements AutoCloseable {

    private final SessionFactory sessions;
    private final String description;

    public StateDatabase(DatabaseConfig config) {
        Configuration configuration = new Configuration()
                .setProperty("hibernate.connection.url", config.jdbcUrl())
                .setProperty("hibernate.connection.username", config.user())
                .setProperty("hibernate.connection.password", config.password())
                .setProperty("hibernate.connection.pool_size", String.valueOf(config.poolSize()))
                .setProperty("hibernate.hbm2ddl.auto", "none")
                .setProperty("hibernate.show_sql", "false");
        try {
            this.sessions = configuration.buildSessionFactory();
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException("cannot reach the state database " + redact(config.jdbcUrl())
                    + ": " + rootMessage(e), e);
        }
        this.description = redact(config.jdbcUrl());
    }

    /** A new transaction for one action. */
    public DatabaseTransaction begin() {
        try {
            Session session = sessions.openSession();
            session.beginTransaction();
            return new DatabaseTransaction(session, description);
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException("state database " + description + " unavailable: "
                    + rootMessage(e), e);
        }
    }

    /** Runs statements in their own transaction (initialization: creating tables). */
    public void runInTransaction(List<NamedSql> statements) {
        DatabaseTransaction transaction = begin();
        try {
            for (NamedSql statement : statements) {
                transaction.execute(statement, Map.of());
            }
            transaction.commit();
        } catch (RuntimeException e) {
            transaction.rollback();
            throw e;
        }
    }

    /** Runs a query and hands each row, by column label, to {@code rows}. */
    public void query(String sql, RowHandler rows) {
        try (Session session = sessions.openSession()) {
            session.doWork(connection -> {
                try (var statement = connection.createStatement();
                     var result = statement.executeQuery(sql)) {
                    while (result.next()) {
                        rows.row(result);
                    }
                }
            });
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException("recovery query on " + description + " failed: "
                    + rootMessage(e), e);
        }
    }

    /** One row of a recovery query. */
    @FunctionalInterface
    public interface RowHandler {
        void row(java.sql.ResultSet row) throws java.sql.SQLException;
    }

    @Override
    public void close() {
        sessions.close();
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    private static String redact(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }
}
