package dev.gridha.container.wsrf;

import java.util.Set;

import jakarta.xml.ws.WebFault;

import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Marks faults declared in the WSDL as the caller's fault ({@code soap:Client}) instead of JAX-WS's default
 * {@code soap:Server}: an unknown resource, a rejected termination time or an impossible job are answers
 * about the request, and a client must not retry them elsewhere. Declared faults named in
 * {@code serverFaults} (a resource that is temporarily unavailable) stay {@code soap:Server}.
 */
final class DeclaredFaultCodeInterceptor extends AbstractPhaseInterceptor<Message> {

    private final Set<String> serverFaults;

    DeclaredFaultCodeInterceptor(Set<String> serverFaults) {
        super(Phase.PRE_LOGICAL);
        this.serverFaults = Set.copyOf(serverFaults);
    }

    @Override
    public void handleMessage(Message message) {
        if (message.getContent(Exception.class) instanceof Fault fault
                && fault.getCause() != null
                && fault.getCause().getClass().isAnnotationPresent(WebFault.class)
                && !serverFaults.contains(fault.getCause().getClass().getAnnotation(WebFault.class).name())) {
            fault.setFaultCode(Fault.FAULT_CODE_CLIENT);
        }
    }
}
