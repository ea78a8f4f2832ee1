package dev.gridha.container.wsrf;

import java.util.Set;

import javax.xml.namespace.QName;

import org.apache.cxf.Bus;
import org.apache.cxf.feature.AbstractPortableFeature;
import org.apache.cxf.feature.DelegatingFeature;
import org.apache.cxf.interceptor.InterceptorProvider;

/**
 * The WSRF resource framework as one CXF feature: every request gets a {@link WsrfRequest} naming the
 * resource its EPR addresses, requests that must name a resource and do not are refused before the
 * service runs, and the faults the WSDL declares go back as {@code soap:Client}.
 *
 * <p>Install it next to CXF's WS-Addressing feature (reference parameters travel as WS-Addressing headers).
 */
public final class WsrfFeature extends DelegatingFeature<WsrfFeature.Portable> {

    /**
     * @param keyHeader            the reference parameter that carries the resource key, or {@code null}
     *                             for a singleton service
     * @param operationsWithoutKey local names of operations that address no resource (factories)
     */
    public WsrfFeature(QName keyHeader, Set<String> operationsWithoutKey) {
        super(new Portable(keyHeader, operationsWithoutKey));
    }

    /** A feature for a service whose one resource is the service itself. */
    public static WsrfFeature singleton() {
        return new WsrfFeature(null, Set.of());
    }

    /** The WSDL fault element names that are the server's fault, never the client's. */
    static final Set<String> SERVER_FAULTS = Set.of("ResourceUnavailableFault");

    public static final class Portable implements AbstractPortableFeature {
        private final QName keyHeader;
        private final Set<String> operationsWithoutKey;

        Portable(QName keyHeader, Set<String> operationsWithoutKey) {
            this.keyHeader = keyHeader;
            this.operationsWithoutKey = Set.copyOf(operationsWithoutKey);
        }

        @Override
        public void doInitializeProvider(InterceptorProvider provider, Bus bus) {
            provider.getInInterceptors().add(new ResourceKeyInterceptor(keyHeader, operationsWithoutKey));
            provider.getOutFaultInterceptors().add(new DeclaredFaultCodeInterceptor(SERVER_FAULTS));
        }
    }
}
