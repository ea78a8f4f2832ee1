package dev.gridha.durability.runtime.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.hibernate.query.NativeQuery;

/**
 * The database behind the database durability mechanism, reached through Hibernate ORM: a session factory
 * without entities, used for the mapping's native SQL. Each request's statements run in one transaction
 * ({@link DatabaseTransaction}), committed with the request's action; concurrent actions commit together in
 * one transaction ({@link GroupCommit}), so a loaded service pays one commit for many requests.
 */
public final class StateDatabase implements AutoCloseable {

    /** How long a request waits for a connection before it fails with a clear fault (database down). */
    static final long CONNECTION_TIMEOUT_MILLIS = 2_000;

    /** The real version inside the one Connector/J reports for MariaDB ("5.5.5-10.11.19-MariaDB-..."). */
    private static final java.util.regex.Pattern MARIADB_VERSION =
            java.util.regex.Pattern.compile("(?:^|-)(\\d+\\.\\d+\\.\\d+)-MariaDB");

    private final HikariDataSource pool;
    private final SessionFactory sessions;
    private final String description;
    private final GroupCommit<List<DatabaseTransaction.BoundStatement>> commits = new GroupCommit<>(this::runBatch);

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
        describeMariaDb(pool, configuration);
        try {
            this.sessions = configuration.buildSessionFactory();
        } catch (RuntimeException e) {
            pool.close();
            throw new DatabaseUnavailableException("cannot reach the state database " + description + ": "
                    + rootMessage(e), e);
        }
    }

    /**
     * Tells Hibernate it talks to MariaDB, and which version, where Connector/J reaches a MariaDB server: the
     * driver reports "MySQL 5.5.5-10.11.x-MariaDB", from which Hibernate would take MySQL 5.5.5 and warn at
     * every start that the version is unsupported. Nothing where the server says otherwise.
     */
    private static void describeMariaDb(HikariDataSource pool, Configuration configuration) {
        String reported;
        try (Connection connection = pool.getConnection()) {
            reported = connection.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            return; // Hibernate's own connection attempt reports the problem
        }
        java.util.regex.Matcher version = MARIADB_VERSION.matcher(reported == null ? "" : reported);
        if (version.find()) {
            configuration.setProperty("hibernate.dialect", "org.hibernate.dialect.MariaDBDialect");
            configuration.setProperty("hibernate.boot.allow_jdbc_metadata_access", "false");
            configuration.setProperty("jakarta.persistence.database-product-name", "MariaDB");
            configuration.setProperty("jakarta.persistence.database-product-version", version.group(1));
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

    /** A new transaction for one action: statements gathered as its updates run, executed at its commit. */
    public DatabaseTransaction begin() {
        return new DatabaseTransaction(this);
    }

    /** Runs and commits one action's statements, in one transaction with whatever else commits now. */
    void commit(List<DatabaseTransaction.BoundStatement> statements) {
        commits.commit(statements);
    }

    /** Runs a batch of actions' statements in one transaction (the {@link GroupCommit}'s executor). */
    private void runBatch(List<List<DatabaseTransaction.BoundStatement>> batch) {
        Session session;
        try {
            session = sessions.openSession();
            session.beginTransaction();
        } catch (RuntimeException e) {
            dropPooledConnections();
            throw new DatabaseUnavailableException("state database " + description + " unavailable: "
                    + rootMessage(e), e);
        }
        try {
            for (List<DatabaseTransaction.BoundStatement> statements : batch) {
                for (DatabaseTransaction.BoundStatement statement : statements) {
                    execute(session, statement);
                }
            }
            try {
                session.getTransaction().commit();
            } catch (RuntimeException e) {
                dropPooledConnections();
                throw new DatabaseUnavailableException("commit failed on " + description + ": "
                        + rootMessage(e), e);
            }
        } finally {
            rollBackQuietly(session);
        }
    }

    private void execute(Session session, DatabaseTransaction.BoundStatement bound) {
        String sql = bound.statement().sql();
        try {
            @SuppressWarnings("rawtypes")
            NativeQuery query = session.createNativeQuery(sql);
            bound.parameters().forEach(query::setParameter);
            query.executeUpdate();
        } catch (RuntimeException e) {
            dropPooledConnections();
            throw new GroupCommit.WorkFailedException(new DatabaseUnavailableException("statement failed on "
                    + description + ": " + rootMessage(e) + " [" + sql + "]", e));
        }
    }

    /** Ends the session; rolls back first if the batch did not commit. */
    private static void rollBackQuietly(Session session) {
        try {
            if (session.getTransaction().isActive()) {
                session.getTransaction().rollback();
            }
        } catch (RuntimeException ignored) {
            // the connection is broken; closing the session returns it to the pool, which retires it
        } finally {
            session.close();
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

    /** Runs statements in one transaction of their own (initialization: creating tables). */
    public void runInTransaction(List<NamedSql> statements) {
        DatabaseTransaction transaction = begin();
        for (NamedSql statement : statements) {
            transaction.execute(statement, Map.of());
        }
        transaction.commit();
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
