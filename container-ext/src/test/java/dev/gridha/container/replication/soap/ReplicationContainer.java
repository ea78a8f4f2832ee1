package dev.gridha.container.replication.soap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;

/**
 * A container as a WAR gives one to replication: embedded Tomcat on loopback with CXF's servlet at
 * {@code /<name>/services/*} over its own bus, on which the test publishes endpoints by path.
 */
public final class ReplicationContainer implements AutoCloseable {

    private final Tomcat tomcat;
    private final Bus bus;
    private final String name;
    private boolean stopped;

    private ReplicationContainer(Tomcat tomcat, Bus bus, String name) {
        this.tomcat = tomcat;
        this.bus = bus;
        this.name = name;
    }

    public static ReplicationContainer start(String name) {
        try {
            Path base = Files.createTempDirectory("gridha-replication-" + name);
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(base.toString());
            Connector connector = new Connector();
            connector.setPort(0);
            connector.setProperty("address", "127.0.0.1");
            tomcat.setConnector(connector);
            Context context = tomcat.addContext("/" + name, base.toString());
            // an undeploy must not wait for a stalled request: the "backup dies" tests stop it mid-request
            ((StandardContext) context).setUnloadDelay(100);
            Bus bus = BusFactory.newInstance().createBus();
            CXFNonSpringServlet servlet = new CXFNonSpringServlet();
            servlet.setBus(bus);
            Wrapper wrapper = Tomcat.addServlet(context, "cxf", servlet);
            wrapper.setLoadOnStartup(1);
            wrapper.addMapping("/services/*");
            tomcat.start();
            return new ReplicationContainer(tomcat, bus, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LifecycleException e) {
            throw new IllegalStateException("embedded Tomcat did not start", e);
        }
    }

    public Bus bus() {
        return bus;
    }

    /** The absolute address of an endpoint published at {@code path}. */
    public String address(String path) {
        return "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/" + name + "/services" + path;
    }

    /** Stops the container as a crash would look to its peers: the port closes, requests in progress die. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException("embedded Tomcat did not stop", e);
        } finally {
            bus.shutdown(false);
        }
    }
}
