package dev.gridha.services.matchmaker;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;

import dev.gridha.container.endpoint.GridServiceServlet;
import dev.gridha.container.endpoint.ServiceEndpoints;
import dev.gridha.container.endpoint.ServletDeployments;
import dev.gridha.container.transaction.ServiceTransactionFeature;
import dev.gridha.container.wsrf.WsrfFeature;
import dev.gridha.durability.runtime.deployment.DurableDeployment;

/**
 * Publishes the Matchmaker service at {@code <context>/services/matchmaker}: the durable service generated
 * from matchmaker.xml (machines replicated to the backups, accounts in the database), deployed as the
 * WAR's context parameters say.
 */
public class MatchmakerServlet extends GridServiceServlet {

    private static final long serialVersionUID = 1L;

    private transient DurableDeployment deployment;

    @Override
    protected List<Server> publish(Bus bus) {
        deployment = ServletDeployments.start(getServletContext(), bus, Durable_MatchmakerService.DURABILITY_MAPPINGS,
                List.of(MatchmakerService.class.getPackageName()));
        Durable_MatchmakerService service = new Durable_MatchmakerService(deployment, Clock.systemUTC());
        deployment.bind(service, DurableDeployment.NO_KEYED_OBJECTS);
        List<Server> servers = new ArrayList<>();
        servers.add(ServiceEndpoints.publish(bus, "/matchmaker", service, List.of(WsrfFeature.singleton(),
                new ServiceTransactionFeature())));
        servers.add(ServletDeployments.publishTransactions(bus, deployment));
        ServletDeployments.publishReplication(getServletContext(), bus, deployment).ifPresent(servers::add);
        ServletDeployments.publishFailureNotifications(bus, deployment);
        return servers;
    }

    @Override
    protected void close() {
        if (deployment != null) {
            deployment.close();
        }
    }
}
