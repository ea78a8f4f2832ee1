package dev.gridha.container.endpoint;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases what JDBC drivers inside a WAR keep alive after it stops: their registration with the JVM-wide
 * DriverManager and Connector/J's cleanup thread. Without this an undeployed or restarted WAR leaves its
 * class loader reachable (Tomcat warns about exactly these at every stop).
 */
final class JdbcDriverRelease {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcDriverRelease.class);
    private static final String MYSQL_CLEANUP_THREAD = "com.mysql.cj.jdbc.AbandonedConnectionCleanupThread";

    private JdbcDriverRelease() {
    }

    static void release(ClassLoader webapp) {
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getClassLoader() == webapp) {
                try {
                    DriverManager.deregisterDriver(driver);
                } catch (SQLException e) {
                    LOG.debug("could not deregister {}", driver, e);
                }
            }
        }
        try {
            Class<?> cleanup = Class.forName(MYSQL_CLEANUP_THREAD, false, webapp);
            if (cleanup.getClassLoader() == webapp) {
                cleanup.getMethod("checkedShutdown").invoke(null);
            }
        } catch (ClassNotFoundException notBundled) {
            // this WAR has no Connector/J
        } catch (ReflectiveOperationException e) {
            LOG.debug("could not stop Connector/J's cleanup thread", e);
        }
    }
}
