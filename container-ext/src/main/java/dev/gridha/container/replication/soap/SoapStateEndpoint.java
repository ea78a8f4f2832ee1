package dev.gridha.container.replication.soap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.jws.WebService;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;

import dev.gridha.container.replication.StateUpdateHandler;
import dev.gridha.container.replication.socket.SharedSecret;
import dev.gridha.container.security.XmlHardeningFeature;
import dev.gridha.contracts.replication.ReplicationPortType;

/**
 * The backup's end of the SOAP state transfer: the {@code TransferState} operation of
 * {@code replication.wsdl}, published on the container's bus (a WAR's servlet publishes it at
 * {@code <context>/services/replication}). Each verified update goes to the {@link StateUpdateHandler}, and
 * its acknowledgement is the signed response.
 *
 * <p>The contract is a WSDL in gridha-contracts rather than a {@code Provider<Source>}: the request is
 * validated against its schema before it is decoded (an out-of-range sequence number or a bad base64 byte is
 * a client fault, not a silently wrapped value), the WS-Notification transport reuses the same StateUpdate
 * and Acknowledgement elements, and a peer in another language can generate its client from it.
 *
 * <p>Security runs before the operation ({@link ReplicationSecurityFeature}): an unsigned, wrongly signed,
 * altered, expired or replayed request is answered with a fault and never reaches the handler.
 */
@WebService(endpointInterface = "dev.gridha.contracts.replication.ReplicationPortType",
        targetNamespace = "http://gridha.dev/replication", serviceName = "ReplicationService",
        portName = "ReplicationPort", wsdlLocation = "classpath:wsdl/replication.wsdl")
public final class SoapStateEndpoint implements ReplicationPortType {

    private final StateUpdateHandler handler;

    SoapStateEndpoint(StateUpdateHandler handler) {
        this.handler = new GuardedHandler(handler);
    }

    /**
     * Publishes the endpoint.
     *
     * @param path the path below the CXF servlet (such as {@code /replication}), or a full address where CXF
     *             runs its own HTTP server
     * @return the CXF server, to {@link Server#destroy() destroy} when the backup stops
     */
    public static Server publish(Bus bus, String path, StateUpdateHandler handler, SharedSecret secret) {
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(bus);
        factory.setAddress(path);
        factory.setServiceBean(new SoapStateEndpoint(handler));
        factory.setServiceClass(SoapStateEndpoint.class);
        factory.setFeatures(List.of(new XmlHardeningFeature(), new ReplicationSecurityFeature(secret)));
        Map<String, Object> properties = new HashMap<>();
        properties.put("schema-validation-enabled", "IN");
        factory.setProperties(properties);
        return factory.create();
    }

    @Override
    public dev.gridha.contracts.replication.Acknowledgement transferState(
            dev.gridha.contracts.replication.StateUpdate request) {
        return ReplicationMessages.toXml(handler.receive(ReplicationMessages.fromXml(request)));
    }
}
