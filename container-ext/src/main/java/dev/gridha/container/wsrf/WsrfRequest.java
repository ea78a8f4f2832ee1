package dev.gridha.container.wsrf;

import java.util.Optional;

import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;

/**
 * What the WSRF layer learned about the request being served: which resource it addresses (from the EPR's
 * reference parameter) and the endpoint address the client used (for the EPRs a factory returns).
 *
 * <p>Set by {@link ResourceKeyInterceptor} before the service method runs; read by the service on the same
 * thread with {@link #current()}.
 */
public record WsrfRequest(Optional<ResourceKey> key, String endpointAddress) {

    static final String PROPERTY = WsrfRequest.class.getName();

    /** The request the calling thread is serving. */
    public static WsrfRequest current() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        Object request = message == null ? null : message.get(PROPERTY);
        if (!(request instanceof WsrfRequest wsrfRequest)) {
            throw new IllegalStateException("no WSRF request on this thread: is the endpoint published with "
                    + WsrfFeature.class.getSimpleName() + " and called from a service method?");
        }
        return wsrfRequest;
    }

    /** The key, for operations that address one resource; {@link ResourceKeyInterceptor} made sure it is there. */
    public ResourceKey requiredKey() {
        return key.orElseThrow(() -> new IllegalStateException("this operation carries no resource key"));
    }
}
