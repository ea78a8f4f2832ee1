package dev.gridha.services.dataaccess;

import java.util.function.UnaryOperator;

/**
 * How one deployment of {@code dataaccess.war} is configured. Each setting is read from the servlet context
 * parameter of its name (a {@code <Parameter>} in Tomcat's context file), else from the JVM system property
 * of the same name, else its default:
 *
 * <ul>
 *   <li>{@code gridha.dataaccess.url}, {@code .user}, {@code .password}: the database to query; without a
 *       URL, an in-memory H2 database seeded with the demo table {@code machines}</li>
 *   <li>{@code gridha.dataaccess.leak-bytes-per-request}: bytes each {@code query} request retains for ever
 *       (see {@link RequestLeak}); 0, the default, turns the leak off</li>
 * </ul>
 *
 * @param url JDBC URL, or {@code null} for the demo database
 */
public record DataAccessSettings(String url, String user, String password, int leakBytesPerRequest) {

    public static final String URL = "gridha.dataaccess.url";
    public static final String USER = "gridha.dataaccess.user";
    public static final String PASSWORD = "gridha.dataaccess.password";
    public static final String LEAK_BYTES_PER_REQUEST = "gridha.dataaccess.leak-bytes-per-request";

    /** 16 MiB a request would exhaust a default heap in a few hundred requests: enough for any demo. */
    public static final int MAX_LEAK_BYTES_PER_REQUEST = 16 * 1024 * 1024;

    public DataAccessSettings {
        if (leakBytesPerRequest < 0 || leakBytesPerRequest > MAX_LEAK_BYTES_PER_REQUEST) {
            throw new IllegalArgumentException(LEAK_BYTES_PER_REQUEST + " is " + leakBytesPerRequest
                    + "; it must be between 0 (off) and " + MAX_LEAK_BYTES_PER_REQUEST);
        }
    }

    /**
     * Reads the settings.
     *
     * @param contextParameters the servlet context's parameters ({@code null} for a missing one)
     * @throws IllegalArgumentException for a malformed value, naming the setting
     */
    public static DataAccessSettings read(UnaryOperator<String> contextParameters) {
        UnaryOperator<String> lookup = name -> {
            String value = contextParameters.apply(name);
            if (value == null || value.isBlank()) {
                value = System.getProperty(name);
            }
            return value == null || value.isBlank() ? null : value.trim();
        };
        return new DataAccessSettings(lookup.apply(URL), lookup.apply(USER), lookup.apply(PASSWORD),
                parseLeak(lookup.apply(LEAK_BYTES_PER_REQUEST)));
    }

    private static int parseLeak(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(LEAK_BYTES_PER_REQUEST + " is '" + value
                    + "'; it must be a whole number of bytes", e);
        }
    }

    public boolean usesDemoDatabase() {
        return url == null;
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "DataAccessSettings[url=" + (url == null ? "(demo H2)" : url) + ", user=" + user
                + ", leakBytesPerRequest=" + leakBytesPerRequest + "]";
    }
}
