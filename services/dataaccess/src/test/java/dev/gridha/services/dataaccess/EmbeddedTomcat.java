package dev.gridha.services.dataaccess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.JreMemoryLeakPreventionListener;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ApplicationParameter;

/**
 * An embedded Tomcat 10.1 set up as gridha's launcher sets up its own (no default web.xml, no jar scanning,
 * 127.0.0.1 only, a web application whose servlet fails to start counts as failed), so the IT proves the WAR
 * works there unchanged.
 */
final class EmbeddedTomcat implements AutoCloseable {

    private final Tomcat tomcat = new Tomcat();
    private final Path baseDir;

    EmbeddedTomcat() {
        try {
            baseDir = Files.createTempDirectory("dataaccess-it-");
            Files.createDirectories(baseDir.resolve("webapps"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tomcat.setBaseDir(baseDir.toString());
        tomcat.getHost().setAppBase(baseDir.resolve("webapps").toString());
        tomcat.setAddDefaultWebXmlToWebapp(false);
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        // as in a standalone Tomcat's server.xml: DriverManager loads its drivers now, from the JVM's class
        // path, rather than later from whichever web application first touches it (and then keeps them)
        tomcat.getServer().addLifecycleListener(new JreMemoryLeakPreventionListener());
        // the web applications start side by side: most of a start is class loading and Axis2 deployment
        tomcat.getHost().setStartStopThreads(3);
    }

    /**
     * Adds the WAR at {@code contextPath} with context parameters, as a {@code <Parameter>} in a context file
     * would set them.
     *
     * @param unpack whether Tomcat expands the WAR (its default) or serves it packed
     */
    Context addWar(String contextPath, Path war, Map<String, String> parameters, boolean unpack) {
        Context context = tomcat.addWebapp(contextPath, war.toAbsolutePath().toString());
        context.getJarScanner().setJarScanFilter((type, name) -> false);
        ((StandardContext) context).setFailCtxIfServletStartFails(true);
        ((StandardContext) context).setUnpackWAR(unpack);
        parameters.forEach((name, value) -> {
            ApplicationParameter parameter = new ApplicationParameter();
            parameter.setName(name);
            parameter.setValue(value);
            parameter.setOverride(false);
            context.addApplicationParameter(parameter);
        });
        return context;
    }

    void start() {
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            throw new IllegalStateException("embedded Tomcat did not start", e);
        }
        for (var child : tomcat.getHost().findChildren()) {
            if (child.getState() != LifecycleState.STARTED) {
                throw new IllegalStateException(child.getName() + " did not start (see the log)");
            }
        }
    }

    /** Stops and starts one web application, as a rejuvenation by restart does. */
    void restart(Context context) {
        try {
            context.stop();
            context.start();
        } catch (LifecycleException e) {
            throw new IllegalStateException(context.getName() + " did not restart", e);
        }
        if (context.getState() != LifecycleState.STARTED) {
            throw new IllegalStateException(context.getName() + " did not restart (see the log)");
        }
    }

    /** The web application's work folder, which Tomcat also offers it as its temporary directory. */
    Path workDirectory(Context context) {
        return Path.of(((StandardContext) context).getWorkPath());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + path);
    }

    @Override
    public void close() {
        try {
            if (tomcat.getServer().getState() != LifecycleState.DESTROYED) {
                tomcat.stop();
                tomcat.destroy();
            }
        } catch (LifecycleException e) {
            throw new IllegalStateException("embedded Tomcat did not stop", e);
        } finally {
            try (Stream<Path> paths = Files.walk(baseDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temporary folder left behind is harmless
            }
        }
    }
}
