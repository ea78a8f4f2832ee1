package dev.gridha.services.matchmaker;

import java.time.Clock;
import java.util.List;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;

import dev.gridha.container.endpoint.GridServiceServlet;
import dev.gridha.container.endpoint.ServiceEndpoints;
import dev.gridha.container.wsrf.WsrfFeature;

/** Publishes the Matchmaker service at {@code <context>/services/matchmaker}. */
public class MatchmakerServlet extends GridServiceServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected List<Server> publish(Bus bus) {
        MatchmakerService service = new MatchmakerService(Clock.systemUTC());
        return List.of(ServiceEndpoints.publish(bus, "/matchmaker", service, List.of(WsrfFeature.singleton())));
    }

    @Override
    protected void close() {
        // Nothing of its own to release: the state lives in the service object.
    }
}
