package dev.gridha.durability.runtime.database;

import java.util.Objects;

/**
 * Where durable state lives in a database. H2 in MySQL mode is the embedded default (the shipped mappings
 * use MySQL's {@code ON DUPLICATE KEY UPDATE}); MariaDB or MySQL through Connector/J in a grid.
 */
public record DatabaseConfig(String jdbcUrl, String user, String password, int poolSize) {

    public DatabaseConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (poolSize < 1) {
            throw new IllegalArgumentException("pool size must be at least 1");
        }
    }

    /** An in-memory H2 database that lives as long as the JVM. */
    public static DatabaseConfig h2InMemory(String name) {
        return new DatabaseConfig("jdbc:h2:mem:" + name + ";MODE=MySQL;DB_CLOSE_DELAY=-1", "sa", "", 8);
    }

    /** An H2 database in a file (the embedded default for a deployed WAR: it survives a restart). */
    public static DatabaseConfig h2File(java.nio.file.Path file) {
        return new DatabaseConfig("jdbc:h2:file:" + file.toAbsolutePath() + ";MODE=MySQL", "sa", "", 8);
    }

    /** MariaDB or MySQL over Connector/J. */
    public static DatabaseConfig mariadb(String host, int port, String database, String user, String password) {
        return new DatabaseConfig("jdbc:mysql://" + host + ":" + port + "/" + database
                + "?useSSL=false&allowPublicKeyRetrieval=true&connectTimeout=5000&socketTimeout=30000",
                user, password, 8);
    }
}
