package dev.gridha.container.replication.soap;

import java.util.List;

import jakarta.xml.ws.BindingProvider;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.ConnectionType;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;

import dev.gridha.client.ClientOptions;
import dev.gridha.container.replication.socket.SharedSecret;
import dev.gridha.container.security.XmlHardeningFeature;

/**
 * Makes the JAX-WS clients replication uses: signed with the group's secret, hardened like every gridha
 * endpoint, and on the HTTP transport gridha clients use ({@link ClientOptions#defaults()}: CXF's
 * URLConnection conduit with chunking off, because CXF 4.1's java.net.http conduit is several times slower
 * for small calls; keep-alive, so each update costs one round trip on an open connection).
 */
public final class ReplicationClients {

    /** CXF's per-message switch back to its URLConnection conduit (as in gridha-client-stubs). */
    private static final String FORCE_URL_CONNECTION = "force.urlconnection.http.conduit";

    private ReplicationClients() {
    }

    /**
     * A port of type {@code portType} calling {@code address}.
     *
     * @param bus the bus to create it on (the container's own; clients need no servlet)
     */
    public static <T> T create(Bus bus, Class<T> portType, String address, SharedSecret secret,
                               ClientOptions options) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setBus(bus);
        factory.setServiceClass(portType);
        factory.setAddress(address);
        factory.setFeatures(List.of(new XmlHardeningFeature(), new ReplicationSecurityFeature(secret)));
        T port = factory.create(portType);

        Client client = ClientProxy.getClient(port);
        client.getEndpoint().put(FORCE_URL_CONNECTION, options.urlConnectionConduit());
        ((BindingProvider) port).getRequestContext().put(FORCE_URL_CONNECTION, options.urlConnectionConduit());
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setAllowChunking(options.chunking());
        policy.setConnection(ConnectionType.KEEP_ALIVE);
        policy.setConnectionTimeout(options.connectTimeout().toMillis());
        policy.setReceiveTimeout(options.receiveTimeout().toMillis());
        ((HTTPConduit) client.getConduit()).setClient(policy);
        return port;
    }

    /** Releases the port's conduit and interceptors. */
    public static void destroy(Object port) {
        ClientProxy.getClient(port).destroy();
    }
}
