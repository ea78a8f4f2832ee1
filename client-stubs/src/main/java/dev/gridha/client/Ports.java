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

    /**
     * Configures the port for {@code options}; {@code address}, when not null, replaces the WSDL's address
     * for every thread (a port bound from an EPR already has its address).
     */
    static <T> T configure(T port, ClientOptions options, String address) {
        Client client = ClientProxy.getClient(port);
        if (address != null) {
            // On the endpoint, not in the request context: that becomes per-thread below.
            client.getEndpoint().getEndpointInfo().setAddress(address);
        }
        Map<String, Object> context = ((BindingProvider) port).getRequestContext();
        if (address != null) {
            context.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, address);
        }
        context.putAll(conduitSelection(options));
        // One request context per thread, so one port can serve many application threads.
        context.put("thread.local.request.context", "true");
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
