package dev.gridha.client;

import java.util.Map;

import jakarta.xml.ws.BindingProvider;

import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.apache.cxf.ws.addressing.AttributedURIType;
import org.apache.cxf.ws.addressing.EndpointReferenceType;

import dev.gridha.client.faulttolerance.FaultTolerance;
import dev.gridha.client.faulttolerance.FaultTolerantPort;
import dev.gridha.client.faulttolerance.RequestHeaderOutInterceptor;
import dev.gridha.client.wire.SharedBindingMapCodec;
import dev.gridha.client.wire.XmlLimits;

/** Applies {@link ClientOptions} to a JAX-WS port, in the one place that knows CXF's property names. */
final class Ports {

    /** CXF's switch back to its URLConnection-based conduit (see PERFORMANCE-NOTES). */
    static final String FORCE_URL_CONNECTION = "force.urlconnection.http.conduit";

    private Ports() {
    }

    /** Readies the bus new ports will be created on (the calling thread's default bus). */
    static void prepareBus() {
        SharedBindingMapCodec.install(BusFactory.getThreadDefaultBus());
    }

    /**
     * Request-context properties choosing the transport. CXF 4.1 reads the switch on every message (the
     * conduit object is the same either way): TRUE sends that message through HttpURLConnection.
     */
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
            // On the endpoint, not in the request context: that becomes per-thread below. A new reference
            // object, because EndpointInfo.setAddress(String) writes into a reference that CXF shares with
            // the ports it creates later from the same WSDL, which would all default to this address.
            client.getEndpoint().getEndpointInfo().setAddress(endpointReference(address));
        }
        Map<String, Object> context = ((BindingProvider) port).getRequestContext();
        if (address != null) {
            context.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, address);
        }
        context.putAll(conduitSelection(options));
        // One request context per thread, so one port can serve many application threads.
        context.put("thread.local.request.context", "true");
        client.getEndpoint().putAll(conduitSelection(options));
        // A reply is parsed under the same caps as a request is in the container: a hostile or broken
        // service cannot exhaust a grid application's heap with one response.
        client.getEndpoint().putAll(XmlLimits.defaults().asEndpointProperties());
        // Inside ServiceTransaction.run every call carries the transaction header.
        client.getOutInterceptors().add(TransactionHeaderOutInterceptor.INSTANCE);
        HTTPConduit conduit = (HTTPConduit) client.getConduit();
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setAllowChunking(options.chunking());
        policy.setConnectionTimeout(options.connectTimeout().toMillis());
        policy.setReceiveTimeout(options.receiveTimeout().toMillis());
        conduit.setClient(policy);
        FaultTolerance tolerance = options.faultTolerance();
        if (tolerance == null) {
            return port;
        }
        client.getOutInterceptors().add(RequestHeaderOutInterceptor.INSTANCE);
        String target = address != null ? address : client.getEndpoint().getEndpointInfo().getAddress();
        return FaultTolerantPort.wrap(port, tolerance, target);
    }

    private static EndpointReferenceType endpointReference(String address) {
        AttributedURIType uri = new AttributedURIType();
        uri.setValue(address);
        EndpointReferenceType reference = new EndpointReferenceType();
        reference.setAddress(uri);
        return reference;
    }
}
