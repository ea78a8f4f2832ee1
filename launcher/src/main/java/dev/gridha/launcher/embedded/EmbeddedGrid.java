package dev.gridha.launcher.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded Tomcat 10.1 running gridha service WARs, exactly the files a user deploys into a standalone
 * Tomcat. Listens on 127.0.0.1 only, on a free port unless one is given.
 */
public final class EmbeddedGrid implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedGrid.class);

    private final Tomcat tomcat;
    private final Path baseDir;
    private final Map<String, Context> contexts;

    private EmbeddedGrid(Tomcat tomcat, Path baseDir, Map<String, Context> contexts) {
        this.tomcat = tomcat;
        this.baseDir = baseDir;
        this.contexts = contexts;
    }

    /**
     * Starts Tomcat with each WAR under its context path.
     *
     * @param wars context path (such as {@code /counter}) to WAR file
     * @param port the port to listen on, 0 for a free one
     */
    public static EmbeddedGrid start(Map<String, Path> wars, int port) {
        List<Webapp> webapps = new ArrayList<>();
        wars.forEach((path, war) -> webapps.add(new Webapp(path, war)));
        return start(webapps, port);
    }

    /** Starts Tomcat with each web application, parameters included. */
    public static EmbeddedGrid start(List<Webapp> webapps, int port) {
        Path baseDir = createTempDir();
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.getHost().setAppBase(baseDir.resolve("webapps").toString());
        tomcat.setAddDefaultWebXmlToWebapp(false);
        // as a standalone Tomcat's server.xml has it: JDBC drivers and other JVM-wide singletons are loaded by
        // Tomcat's class loader, so a restarted web application (the aging data service) is not pinned by them
        tomcat.getServer().addLifecycleListener(new org.apache.catalina.core.JreMemoryLeakPreventionListener());
        Connector connector = new Connector();
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        // Grid clients keep one connection per endpoint for their whole run; Tomcat's default closes it
        // after 100 requests and every client reconnects.
        connector.setProperty("maxKeepAliveRequests", "-1");
        tomcat.setConnector(connector);

        Map<String, Context> contexts = new LinkedHashMap<>();
        try {
            Files.createDirectories(baseDir.resolve("webapps"));
            for (Webapp webapp : webapps) {
                contexts.put(webapp.contextPath(), addWebapp(tomcat, webapp));
            }
            tomcat.start();
        } catch (LifecycleException | IOException e) {
            stopQuietly(tomcat);
            throw new IllegalStateException("embedded Tomcat did not start: " + e.getMessage(), e);
        }
        EmbeddedGrid grid = new EmbeddedGrid(tomcat, baseDir, contexts);
        List<String> failed = new ArrayList<>();
        contexts.forEach((path, context) -> {
            if (context.getState() != LifecycleState.STARTED) {
                failed.add(path);
            }
        });
        if (!failed.isEmpty()) {
            grid.close();
            throw new IllegalStateException("web applications did not start: " + failed + " (see the log above)");
        }
        LOG.info("embedded Tomcat on port {} serving {}", grid.port(), contexts.keySet());
        return grid;
    }

    private static Context addWebapp(Tomcat tomcat, Webapp webapp) {
        Path file = webapp.war().toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no WAR file at " + file + " (run ./gridha build?)");
        }
        return tomcat.addWebapp(tomcat.getHost(), webapp.contextPath(), file.toString(),
                new ParameterizedContextConfig(webapp.parameters()));
    }

    /**
     * Deploys another web application into the running Tomcat; it has started when this returns.
     *
     * @throws IllegalStateException if it did not start (its log says why); it is removed again then
     */
    public synchronized void deploy(Webapp webapp) {
        if (contexts.containsKey(webapp.contextPath())) {
            throw new IllegalStateException(webapp.contextPath() + " is already deployed");
        }
        Context context = addWebapp(tomcat, webapp);
        if (context.getState() != LifecycleState.STARTED) {
            tomcat.getHost().removeChild(context);
            throw new IllegalStateException("web application " + webapp.contextPath()
                    + " did not start (see the log above)");
        }
        contexts.put(webapp.contextPath(), context);
    }

    /** Stops a web application and removes it, as undeploying it from a standalone Tomcat would. */
    public synchronized void undeploy(String contextPath) {
        Context context = contexts.remove(contextPath);
        if (context == null) {
            throw new IllegalArgumentException(contextPath + " is not deployed");
        }
        tomcat.getHost().removeChild(context);
    }

    /**
     * Stops these web applications at once, each on a thread of its own, and returns when they have stopped (at
     * most {@code limit}); {@link #close} stops the rest. A replica's services leave their groups this way before
     * the rest of the process stops, so their backups are promoted without waiting for it.
     */
    public void stopFirst(List<String> contextPaths, Duration limit) {
        List<Thread> stopping = new ArrayList<>();
        for (String contextPath : contextPaths) {
            Context context;
            synchronized (this) {
                context = contexts.get(contextPath);
            }
            if (context != null) {
                Thread thread = new Thread(() -> {
                    try {
                        context.stop();
                    } catch (LifecycleException e) {
                        LOG.warn("{} did not stop cleanly", contextPath, e);
                    }
                }, "gridha-stop" + contextPath.replace('/', '-'));
                thread.start();
                stopping.add(thread);
            }
        }
        long deadline = System.nanoTime() + limit.toNanos();
        for (Thread thread : stopping) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Stops and starts a web application (a restart of the service: its memory is gone, what is durable is
     * recovered).
     */
    public synchronized void restart(String contextPath) {
        Context context = contexts.get(contextPath);
        if (context == null) {
            throw new IllegalArgumentException(contextPath + " is not deployed");
        }
        try {
            context.stop();
            context.start();
        } catch (LifecycleException e) {
            throw new IllegalStateException(contextPath + " did not restart: " + e.getMessage(), e);
        }
        if (context.getState() != LifecycleState.STARTED) {
            throw new IllegalStateException(contextPath + " did not restart (see the log above)");
        }
    }

    public int port() {
        return tomcat.getConnector().getLocalPort();
    }

    /** {@code http://127.0.0.1:port} */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** The address of an endpoint: {@code endpoint("/counter", "/services/counter")}. */
    public URI endpoint(String contextPath, String path) {
        return URI.create(baseUri() + contextPath + path);
    }

    @Override
    public void close() {
        stopQuietly(tomcat);
        deleteRecursively(baseDir);
    }

    private static void stopQuietly(Tomcat tomcat) {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            LOG.warn("embedded Tomcat did not stop cleanly", e);
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("gridha-tomcat-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a working directory for Tomcat", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not delete {}", dir, e);
        }
    }
}
