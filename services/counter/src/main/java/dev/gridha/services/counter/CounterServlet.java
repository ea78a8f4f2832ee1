package dev.gridha.services.counter;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;

import dev.gridha.container.endpoint.GridServiceServlet;
import dev.gridha.container.endpoint.ServiceEndpoints;
import dev.gridha.container.wsrf.LifetimeScheduler;
import dev.gridha.container.wsrf.ResourceHome;
import dev.gridha.container.wsrf.WsrfFeature;

/** Publishes the Counter service at {@code <context>/services/counter}. */
public class CounterServlet extends GridServiceServlet {

    private static final long serialVersionUID = 1L;

    private transient LifetimeScheduler lifetime;

    @Override
    protected List<Server> publish(Bus bus) {
        ResourceHome<Counter> home = ResourceHome.withRandomKeys("counter");
        lifetime = new LifetimeScheduler(home, Duration.ofSeconds(1));
        lifetime.start();
        WsrfFeature wsrf = new WsrfFeature(CounterService.KEY_HEADER, Set.of("CreateCounter"));
        return List.of(ServiceEndpoints.publish(bus, "/counter", new CounterService(home), List.of(wsrf)));
    }

    @Override
    protected void close() {
        if (lifetime != null) {
            lifetime.close();
        }
    }
}
