package dev.gridha.container.replication.notification;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.xml.ws.BindingProvider;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.message.Message;
import org.oasis_open.docs.wsn.bw_2.NotificationConsumer;

import dev.gridha.client.ClientOptions;
import dev.gridha.container.replication.socket.SharedSecret;
import dev.gridha.container.replication.soap.ReplicationClients;
import dev.gridha.container.replication.soap.ReplicationSecurityFeature;
import dev.gridha.container.security.XmlHardeningFeature;

/**
 * Publishes the WS-Notification endpoints of the notification state transfer and makes its Notify clients,
 * all with the protection of the SOAP transport: XML hardening and the group's WS-Security signature.
 *
 * <p>{@code Notify} is one-way in WS-BaseNotification; both ends run it as CXF's <i>robust</i> one-way, so
 * the receiver handles the notification before it answers 202 and a refusal (a bad signature, a fault of
 * the handler) comes back to the sender as a SOAP fault instead of being lost.
 */
final class NotificationPorts {

    private NotificationPorts() {
    }

    /**
     * Publishes {@code implementor} at {@code path} on {@code bus}.
     *
     * @return the server, to {@link Server#destroy() destroy} when the endpoint goes away
     */
    static Server publish(Bus bus, String path, Object implementor, Class<?> portType, SharedSecret secret) {
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(bus);
        factory.setAddress(path);
        factory.setServiceClass(portType);
        factory.setServiceBean(implementor);
        factory.setFeatures(List.of(new XmlHardeningFeature(), new ReplicationSecurityFeature(secret)));
        Map<String, Object> properties = new HashMap<>();
        properties.put(Message.ROBUST_ONEWAY, Boolean.TRUE);
        factory.setProperties(properties);
        return factory.create();
    }

    /** A signed, robust one-way Notify client of the NotificationConsumer at {@code address}. */
    static NotificationConsumer consumer(Bus bus, String address, SharedSecret secret, ClientOptions options) {
        NotificationConsumer port = ReplicationClients.create(bus, NotificationConsumer.class, address, secret, options);
        ((BindingProvider) port).getRequestContext().put(Message.ROBUST_ONEWAY, Boolean.TRUE);
        return port;
    }
}
