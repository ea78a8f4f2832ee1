package dev.gridha.client;

import java.util.Map;

import jakarta.xml.ws.BindingProvider;

import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;

/** Applies {@link ClientOptions} to a JAX-WS port, in the one place that knows CXF's property names. */
final class Ports {

    /** CXF's switch back to its URLConnection-based conduit (see PERFORMANCE-NOTES). */
    static final String FORCE_URL_CONNECTION = "force.urlconnection.http.conduit";

    private Ports() {
    }

    /** Request-context properties that must be in place before the port's conduit is created. */
    static Map<String, Object> conduitSelection(ClientOptions options) {
        return Map.of(FORCE_URL_CONNECTION, options.urlConnectionConduit());
    }

    static <T> T configure(T port, ClientOptions options) {
        Map<String, Object> context = ((BindingProvider) port).getRequestContext();
        context.putAll(conduitSelection(options));
        // One request context per thread, so one port can serve many application threads.
        context.put("thread.local.request.context", "true");
        Client client = ClientProxy.getClient(port);
        client.getEndpoint().putAll(conduitSelection(options));
        HTTPConduit conduit = (HTTPConduit) client.getConduit();
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setAllowChunking(options.chunking());
        policy.setConnectionTimeout(options.connectTimeout().toMillis());
        policy.setReceiveTimeout(options.receiveTimeout().toMillis());
        conduit.setClient(policy);
        return port;
    }
}
