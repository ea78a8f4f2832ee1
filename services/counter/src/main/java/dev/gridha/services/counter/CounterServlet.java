package dev.gridha.services.counter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;

import dev.gridha.container.endpoint.GridServiceServlet;
import dev.gridha.container.endpoint.ServiceEndpoints;
import dev.gridha.container.endpoint.ServletDeployments;
import dev.gridha.container.transaction.ServiceTransactionFeature;
import dev.gridha.container.wsrf.LifetimeScheduler;
import dev.gridha.container.wsrf.ResourceHome;
import dev.gridha.container.wsrf.ResourceKey;
import dev.gridha.container.wsrf.WsrfFeature;
import dev.gridha.durability.runtime.DurableState;
import dev.gridha.durability.runtime.deployment.DurableDeployment;

/**
 * Publishes the Counter service at {@code <context>/services/counter}: the durable service the compiler
 * generated from counter.xml, deployed as the WAR's context parameters say (docs/DURABILITY-DESIGN.md).
 * Counters recovered from the database are put back in the home under their old keys.
 */
public class CounterServlet extends GridServiceServlet {

    private static final long serialVersionUID = 1L;

    private transient LifetimeScheduler lifetime;
    private transient DurableDeployment deployment;

    @Override
    protected List<Server> publish(Bus bus) {
        ResourceHome<Counter> home = ResourceHome.withRandomKeys("counter");
        deployment = ServletDeployments.start(getServletContext(), bus, Durable_CounterService.DURABILITY_MAPPINGS,
                List.of(Counter.class.getPackageName()));
        home.onRemoval((resource, undo) -> deployment.destroyed("counter", resource.key().value(), undo));
        Durable_CounterService service = new Durable_CounterService(deployment, home);
        deployment.bind(service, new DurableDeployment.KeyedObjects() {
            @Override
            public void recovered(String stateObject, String key, DurableState state) {
                home.restore(new ResourceKey(key), (Counter) state, null);
            }

            @Override
            public void discarded(String stateObject, String key) {
                home.discard(new ResourceKey(key));
            }
        });
        lifetime = new LifetimeScheduler(home, Duration.ofSeconds(1));
        lifetime.start();
        WsrfFeature wsrf = new WsrfFeature(CounterService.KEY_HEADER, Set.of("CreateCounter"));
        List<Server> servers = new ArrayList<>();
        servers.add(ServiceEndpoints.publish(bus, "/counter", service, List.of(wsrf, new ServiceTransactionFeature())));
        servers.add(ServletDeployments.publishTransactions(bus, deployment));
        ServletDeployments.publishReplication(getServletContext(), bus, deployment).ifPresent(servers::add);
        ServletDeployments.publishFailureNotifications(bus, deployment);
        return servers;
    }

    @Override
    protected void close() {
        if (lifetime != null) {
            lifetime.close();
        }
        if (deployment != null) {
            deployment.close();
        }
    }
}
