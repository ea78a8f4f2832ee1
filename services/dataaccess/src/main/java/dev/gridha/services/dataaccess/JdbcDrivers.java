package dev.gridha.services.dataaccess;

import java.lang.reflect.InvocationTargetException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which JDBC driver serves a configured URL, and what that driver leaves running.
 *
 * <p>The pool is given the driver's DataSource class, never a Driver: a Driver registers itself with the
 * JVM-wide DriverManager, and both registering and enumerating there go wrong in a servlet container
 * (enumerating from this web application loads its own copy of every driver another one registered; a
 * registration left behind keeps this web application's class loader, with everything the request leak
 * retained, alive after the restart that was meant to free it).
 */
final class JdbcDrivers {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcDrivers.class);

    private JdbcDrivers() {
    }

    /**
     * The DataSource class for {@code url}; the pool sets its {@code url} property.
     *
     * @throws IllegalArgumentException for a URL of a database the WAR has no driver for
     */
    static String dataSourceClassFor(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return "org.h2.jdbcx.JdbcDataSource";
        }
        if (isMysql(url)) {
            // MariaDB too: Connector/J speaks its protocol, as the rest of gridha uses it
            return "com.mysql.cj.jdbc.MysqlDataSource";
        }
        throw new IllegalArgumentException(DataAccessSettings.URL + " is " + url
                + "; the WAR ships drivers for jdbc:h2: and jdbc:mysql: (MySQL, MariaDB) URLs only");
    }

    private static boolean isMysql(String url) {
        return url.startsWith("jdbc:mysql:");
    }

    /**
     * Stops the thread MySQL's driver starts when it loads; its context class loader would keep this web
     * application alive after it stops. Unchecked: the class is this web application's own copy, and the
     * checked variant declines when the thread was started under another context class loader (the pool's).
     * Reflection: the driver is a runtime-only dependency.
     */
    static void release(String url) {
        if (url == null || !isMysql(url)) {
            return;
        }
        try {
            Class.forName("com.mysql.cj.jdbc.AbandonedConnectionCleanupThread", false,
                    JdbcDrivers.class.getClassLoader()).getMethod("uncheckedShutdown").invoke(null);
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException
                | InvocationTargetException e) {
            LOG.warn("MySQL's connection cleanup thread could not be stopped", e);
        }
    }
}
