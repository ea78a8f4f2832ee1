package dev.gridha.launcher.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Option;

/**
 * Where the services keep their durable state, as command-line options shared by {@code up}: a database URL
 * (MariaDB/MySQL through Connector/J, or H2), or by default one H2 file per service under a folder that
 * outlives the process, so that {@code ./gridha up} after a crash finds its counters again.
 */
public final class StateDatabaseOptions {

    @Option(names = "--database-url", paramLabel = "JDBC-URL",
            description = "state database shared by the services, e.g. jdbc:mysql://127.0.0.1:3306/test"
                    + " (default: H2 files under --state-dir)")
    String url;

    @Option(names = "--database-user", description = "database user (default: ${DEFAULT-VALUE})", defaultValue = "root")
    String user;

    @Option(names = "--database-password", description = "database password (default: empty)", defaultValue = "")
    String password;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "folder for the default H2 state files (default: ${DEFAULT-VALUE})", defaultValue = ".gridha/state")
    Path stateDir;

    /** The folder for state files (each replica of a group gets its own below it). */
    public Path stateDir() {
        return stateDir;
    }

    /** The context parameters that put {@code contextPath}'s state where these options say. */
    public Map<String, String> parameters(String contextPath) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (url == null || url.isBlank()) {
            String file = stateDir.toAbsolutePath().resolve(contextPath.replace("/", "")).toString();
            parameters.put("gridha.database.url", "jdbc:h2:file:" + file + ";MODE=MySQL");
            parameters.put("gridha.database.user", "sa");
            parameters.put("gridha.database.password", "");
        } else {
            parameters.put("gridha.database.url", url);
            parameters.put("gridha.database.user", user);
            parameters.put("gridha.database.password", password);
        }
        return parameters;
    }
}
