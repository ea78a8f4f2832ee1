package dev.gridha.durability.runtime.database;

import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;

/**
 * The database behind the database durability mechanism, reached through Hibernate ORM: a session factory
 * without entities, used for the mapping's native SQL. Each request's statements run in one transaction
 * ({@link DatabaseTransaction}), committed with the request's action.
 */
public final class StateDatabase implements AutoCloseable {

    /** How long a request waits for a connection before it fails with a clear fault (database down). */
    static final long CONNECTION_TIMEOUT_MILLIS = 2_000;

    private final HikariDataSource pool;
    private final SessionFactory sessions;
    private final String description;

    public StateDatabase(DatabaseConfig config) {
        this.description = redact(config.jdbcUrl());
        try {
            this.pool = new HikariDataSource(poolConfig(config));
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException("cannot reach the state database " + description + ": "
                    + rootMessage(e), e);
        }
        Configuration configuration = new Configuration()
                .setProperty("hibernate.hbm2ddl.auto", "none")
                .setProperty("hibernate.show_sql", "false");
        configuration.getProperties().put("hibernate.connection.datasource", pool);
        try {
            this.sessions = configuration.buildSessionFactory();
        } catch (RuntimeException e) {
            pool.close();
            throw new DatabaseUnavailableException("cannot reach the state database " + description + ": "
                    + rootMessage(e), e);
        }
    }

    private static HikariConfig poolConfig(DatabaseConfig config) {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(config.jdbcUrl());
        // Named, not looked up in the JVM-wide DriverManager: with two WARs in one Tomcat, DriverManager
        // holds the first WAR's driver, which the second WAR's class loader cannot use ("No suitable driver").
        driverClass(config.jdbcUrl()).ifPresent(pool::setDriverClassName);
        pool.setUsername(config.user());
        pool.setPassword(config.password());
        pool.setMaximumPoolSize(config.poolSize());
        pool.setAutoCommit(false);
        pool.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        pool.setValidationTimeout(1_000);
        pool.setPoolName("gridha-state-" + Integer.toHexString(System.identityHashCode(pool)));
        return pool;
    }

    /** A new transaction for one action. */
    public DatabaseTransaction begin() {
        try {
            Session session = sessions.openSession();
            session.beginTransaction();
            return new DatabaseTransaction(session, description, this::dropPooledConnections);
        } catch (RuntimeException e) {
            dropPooledConnections();
            throw new DatabaseUnavailableException("state database " + description + " unavailable: "
                    + rootMessage(e), e);
        }
    }

    /**
     * Retires every pooled connection (in-use ones when they come back). Called when a statement fails: the
     * database may have restarted, and its old connections fail until replaced. Cheap, and only on failure.
     */
    private void dropPooledConnections() {
        var pooled = pool.getHikariPoolMXBean();
        if (pooled != null) {
            pooled.softEvictConnections();
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
        try {
            sessions.close();
        } finally {
            pool.close();
        }
    }

    static java.util.Optional<String> driverClass(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return java.util.Optional.of("org.h2.Driver");
        }
        if (jdbcUrl.startsWith("jdbc:mysql:") || jdbcUrl.startsWith("jdbc:mariadb:")) {
            return java.util.Optional.of("com.mysql.cj.jdbc.Driver");
        }
        return java.util.Optional.empty();
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
