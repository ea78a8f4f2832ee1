package dev.gridha.services.dataaccess;

import jakarta.servlet.ServletContext;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gridha.services.dataaccess.query.QueryRunner;

/**
 * What one deployment of the WAR runs with: the connection pool (and the demo database behind it), the query
 * runner and the request leak. Created when the web application starts, closed when it stops; the service
 * objects Axis2 creates find it in the servlet context.
 */
public final class DataAccessRuntime implements AutoCloseable {

    /** The servlet context attribute holding the running deployment. */
    static final String ATTRIBUTE = DataAccessRuntime.class.getName();

    private static final Logger LOG = LoggerFactory.getLogger(DataAccessRuntime.class);

    /** Small: a query holds its connection for at most the query timeout, and the database is shared. */
    private static final int POOL_SIZE = 4;
    /** A request waits this long for a free connection before it is refused as database-unavailable. */
    private static final long CONNECTION_TIMEOUT_MS = 5_000;

    private final HikariDataSource pool;
    private final DemoDatabase demoDatabase;
    private final QueryRunner runner;
    private final RequestLeak leak;
    private final String configuredUrl;

    private DataAccessRuntime(HikariDataSource pool, DemoDatabase demoDatabase, RequestLeak leak,
            String configuredUrl) {
        this.pool = pool;
        this.demoDatabase = demoDatabase;
        this.configuredUrl = configuredUrl;
        this.runner = new QueryRunner(pool);
        this.leak = leak;
    }

    static DataAccessRuntime start(DataAccessSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("dataaccess");
        config.setReadOnly(true);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        DemoDatabase demo = null;
        String where;
        if (settings.usesDemoDatabase()) {
            demo = DemoDatabase.create();
            config.setDataSource(demo.readerDataSource());
            where = demo.url() + " (demo, " + DemoDatabase.MACHINES + " machines)";
        } else {
            config.setDataSourceClassName(JdbcDrivers.dataSourceClassFor(settings.url()));
            config.addDataSourceProperty("url", settings.url());
            config.setUsername(settings.user());
            config.setPassword(settings.password());
            // a configured database that is down at start must not keep the WAR (and its liveness page)
            // from deploying: queries fault as database-unavailable until it is back
            config.setInitializationFailTimeout(-1);
            where = settings.url();
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            if (demo != null) {
                demo.close();
            }
            throw e;
        }
        RequestLeak leak = new RequestLeak(settings.leakBytesPerRequest());
        LOG.info("data access service querying {}", where);
        if (leak.isOn()) {
            LOG.warn("request leak ON: every query request retains {} bytes until the web application stops ({}); "
                    + "this container ages on purpose", leak.bytesPerRequest(), DataAccessSettings.LEAK_BYTES_PER_REQUEST);
        } else {
            LOG.info("request leak off ({}=0)", DataAccessSettings.LEAK_BYTES_PER_REQUEST);
        }
        return new DataAccessRuntime(pool, demo, leak, settings.url());
    }

    /** The running deployment of the web application, as the listener stored it. */
    static DataAccessRuntime of(ServletContext context) {
        Object runtime = context.getAttribute(ATTRIBUTE);
        if (!(runtime instanceof DataAccessRuntime running)) {
            throw new IllegalStateException("the data access service has not started (see the log)");
        }
        return running;
    }

    QueryRunner runner() {
        return runner;
    }

    RequestLeak leak() {
        return leak;
    }

    @Override
    public void close() {
        pool.close();
        if (demoDatabase != null) {
            demoDatabase.close();
        }
        JdbcDrivers.release(configuredUrl);
    }
}
