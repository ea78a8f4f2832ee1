package dev.gridha.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;

import dev.gridha.container.endpoint.ServiceEndpoints;


/**
 * A container for the benchmarks that host their own endpoints: embedded Tomcat on loopback with CXF's
 * servlet at {@code /<name>/services/*} over its own bus, as a WAR has one.
 */
public final class BenchContainer implements AutoCloseable {

    private final Tomcat tomcat;
    private final Bus bus;
    private final String name;

    public BenchContainer(String name) {
        this.name = name;
        try {
            Path base = Files.createTempDirectory("gridha-bench-" + name);
            tomcat = new Tomcat();
            tomcat.setBaseDir(base.toString());
            Connector connector = new Connector();
            connector.setPort(0);
            connector.setProperty("address", "127.0.0.1");
            connector.setProperty("maxKeepAliveRequests", "-1");
            tomcat.setConnector(connector);
            Context context = tomcat.addContext("/" + name, base.toString());
            bus = BusFactory.newInstance().createBus();
            ServiceEndpoints.prepareBus(bus, BenchContainer.class.getClassLoader());
            CXFNonSpringServlet servlet = new CXFNonSpringServlet();
            servlet.setBus(bus);
            Wrapper wrapper = Tomcat.addServlet(context, "cxf", servlet);
            wrapper.setLoadOnStartup(1);
            wrapper.addMapping("/services/*");
            tomcat.start();
        } catch (IOException e) {
            throw new UncheckedIOException("no folder for the benchmark's Tomcat", e);
        } catch (LifecycleException e) {
            throw new IllegalStateException("the benchmark's backup Tomcat did not start", e);
        }
    }

    public Bus bus() {
        return bus;
    }

    /** The absolute address of an endpoint published at {@code path} on {@link #bus()}. */
    public String address(String path) {
        return "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/" + name + "/services" + path;
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            // stopping at the end of a benchmark: nothing to recover
        }
        bus.shutdown(false);
    }
}
