package dev.gridha.container.endpoint;

import java.util.ArrayList;
import java.util.List;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.feature.Feature;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.ws.addressing.WSAddressingFeature;

import dev.gridha.container.durability.DurabilityFaultFeature;
import dev.gridha.container.exactlyonce.ExactlyOnceFeature;
import dev.gridha.container.security.XmlHardeningFeature;

/**
 * Publishes a gridha service endpoint with what every one of them needs: WS-Addressing required (the
 * resource key travels as a reference parameter), the XML limits, and the service's own features.
 */
public final class ServiceEndpoints {

    private ServiceEndpoints() {
    }

    /**
     * Readies a servlet's bus for serving requests fast: the class loader the services come from as a bus
     * extension (without it CXF's ServletController asks the resource manager for one on every request,
     * which searches every jar in WEB-INF/lib), and the shared WS-Addressing codec.
     */
    public static void prepareBus(Bus bus, ClassLoader services) {
        bus.setExtension(services, ClassLoader.class);
        dev.gridha.client.wire.SharedBindingMapCodec.install(bus);
    }

    /**
     * @param path        the endpoint's path below the CXF servlet, such as {@code /counter}
     * @param implementor the service object, annotated with {@code @WebService(endpointInterface=...)}
     */
    public static Server publish(Bus bus, String path, Object implementor, List<Feature> serviceFeatures) {
        WSAddressingFeature addressing = new WSAddressingFeature();
        addressing.setAddressingRequired(true);

        List<Feature> features = new ArrayList<>();
        features.add(addressing);
        features.add(new XmlHardeningFeature());
        features.add(new DurabilityFaultFeature());
        features.add(new ExactlyOnceFeature());
        features.add(new dev.gridha.container.chaos.ChaosFeature());
        features.addAll(serviceFeatures);

        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(bus);
        factory.setAddress(path);
        factory.setServiceBean(implementor);
        factory.setServiceClass(implementor.getClass());
        factory.setFeatures(features);
        // Validate requests against the WSDL's schema: JAXB alone parses an xsd:int of 99999999999 by
        // wrapping it around, which would silently change a counter by the wrong amount.
        factory.setProperties(new java.util.HashMap<>(java.util.Map.of(
                "schema-validation-enabled", "IN")));
        return factory.create();
    }

    /**
     * A protocol endpoint that is not a durable service (WS-Notification ports and the like): hardened XML,
     * WS-Addressing understood but not required, none of the service features.
     */
    public static Server publishPlain(Bus bus, String path, Object implementor, Class<?> portType) {
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(bus);
        factory.setAddress(path);
        factory.setServiceBean(implementor);
        factory.setServiceClass(portType);
        factory.setFeatures(new ArrayList<>(List.of(new WSAddressingFeature(), new XmlHardeningFeature())));
        return factory.create();
    }
}
