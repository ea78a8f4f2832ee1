package dev.gridha.services.dataaccess;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.UUID;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

/**
 * The database the service queries when none is configured: a private in-memory H2 database with the table
 * {@code machines(id, name, cpu_mhz, memory_mb)} holding {@value #MACHINES} rows, so the demo needs no setup.
 *
 * <p>It lives exactly as long as this object: the administrator's connection that created it is held open
 * (an in-memory H2 database disappears with its last connection, and the pool may close all of its own)
 * and closing it drops the database, so a restarted web application starts from the seed again. Queries go
 * through {@link #readerDataSource()}, a user with SELECT rights on {@code machines} and nothing else: even a
 * statement that slipped past the query rules could not write, and H2 keeps its file functions from users
 * without admin rights.
 */
final class DemoDatabase implements AutoCloseable {

    static final int MACHINES = 100;

    private static final String READER = "DATAACCESS_READER";

    private final Connection admin;
    private final JdbcDataSource reader;
    private final String url;

    private DemoDatabase(Connection admin, JdbcDataSource reader, String url) {
        this.admin = admin;
        this.reader = reader;
        this.url = url;
    }

    static DemoDatabase create() {
        // a unique name: two deployments in one JVM that share an H2 jar must not share a database
        String url = "jdbc:h2:mem:gridha-dataaccess-" + UUID.randomUUID();
        JdbcDataSource adminSource = dataSource(url, "SA", randomPassword());
        String readerPassword = randomPassword();
        try {
            Connection admin = adminSource.getConnection();
            try {
                seed(admin, readerPassword);
            } catch (SQLException e) {
                admin.close();
                throw e;
            }
            return new DemoDatabase(admin, dataSource(url, READER, readerPassword), url);
        } catch (SQLException e) {
            throw new IllegalStateException("the demo database could not be created: " + e.getMessage(), e);
        }
    }

    private static void seed(Connection admin, String readerPassword) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("CREATE TABLE machines (id INT PRIMARY KEY, name VARCHAR(64) NOT NULL, "
                    + "cpu_mhz INT NOT NULL, memory_mb INT NOT NULL)");
        }
        try (PreparedStatement insert = admin.prepareStatement(
                "INSERT INTO machines (id, name, cpu_mhz, memory_mb) VALUES (?, ?, ?, ?)")) {
            for (int id = 1; id <= MACHINES; id++) {
                insert.setInt(1, id);
                insert.setString(2, String.format("node-%03d", id));
                // deterministic spread: tests and the demo can predict the answers
                insert.setInt(3, 1000 + (id * 37) % 3000);
                insert.setInt(4, 1024 * (1 + id % 16));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (Statement statement = admin.createStatement()) {
            // the password is random hex, so quoting it is safe
            statement.execute("CREATE USER " + READER + " PASSWORD '" + readerPassword + "'");
            statement.execute("GRANT SELECT ON machines TO " + READER);
        }
    }

    private static JdbcDataSource dataSource(String url, String user, String password) {
        JdbcDataSource source = new JdbcDataSource();
        source.setURL(url);
        source.setUser(user);
        source.setPassword(password);
        return source;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Connections as the SELECT-only user. */
    DataSource readerDataSource() {
        return reader;
    }

    String url() {
        return url;
    }

    /** Drops the database, with any connection still open to it. */
    @Override
    public void close() {
        try (Connection connection = admin; Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new IllegalStateException("the demo database did not close: " + e.getMessage(), e);
        }
    }
}
