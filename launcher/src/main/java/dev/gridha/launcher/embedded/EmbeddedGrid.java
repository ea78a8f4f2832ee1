package dev.gridha.launcher.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Path baseDir = createTempDir();
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.getHost().setAppBase(baseDir.resolve("webapps").toString());
        tomcat.setAddDefaultWebXmlToWebapp(false);
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
            for (Map.Entry<String, Path> war : wars.entrySet()) {
                Path file = war.getValue().toAbsolutePath();
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException("no WAR file at " + file + " (run ./gridha build?)");
                }
                Context context = tomcat.addWebapp(war.getKey(), file.toString());
                context.getJarScanner().setJarScanFilter((type, name) -> false);
                contexts.put(war.getKey(), context);
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
