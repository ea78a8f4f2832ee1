package dev.gridha.container.endpoint;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.ServletConfig;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;

/**
 * The servlet a gridha service WAR declares in its web.xml: CXF without Spring, with the service's endpoints
 * published by {@link #publish(Bus)}. Resources the service opens there (schedulers, connections) are
 * closed by {@link #close()} when Tomcat undeploys the WAR.
 */
public abstract class GridServiceServlet extends CXFNonSpringServlet {

    private static final long serialVersionUID = 1L;

    private final transient List<Server> servers = new ArrayList<>();

    @Override
    protected final void loadBus(ServletConfig servletConfig) {
        super.loadBus(servletConfig);
        Bus bus = getBus();
        ServiceEndpoints.prepareBus(bus, getClass().getClassLoader());
        servers.addAll(publish(bus));
    }

    /** Publishes the service's endpoints on {@code bus}; paths are relative to the servlet's mapping. */
    protected abstract List<Server> publish(Bus bus);

    /** Releases what {@link #publish(Bus)} opened. */
    protected abstract void close();

    @Override
    public void destroyBus() {
        try {
            close();
        } finally {
            servers.forEach(Server::destroy);
            servers.clear();
            super.destroyBus();
            JdbcDriverRelease.release(getClass().getClassLoader());
        }
    }
}
