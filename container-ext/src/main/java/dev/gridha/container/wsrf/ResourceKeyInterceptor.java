package dev.gridha.container.wsrf;

import java.util.Optional;
import java.util.Set;

import javax.xml.namespace.QName;

import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.headers.Header;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.service.model.BindingOperationInfo;
import org.w3c.dom.Element;

/**
 * Reads the resource key from the reference-parameter SOAP header and leaves a {@link WsrfRequest} on the
 * message. An operation that addresses a resource but arrives without the header gets the WS-Addressing
 * fault {@code wsa:MessageAddressingHeaderRequired}; a header whose text is not a valid key gets a Client
 * fault. Neither reaches the service.
 */
final class ResourceKeyInterceptor extends AbstractPhaseInterceptor<SoapMessage> {

    static final QName HEADER_REQUIRED = new QName(Wsrf.WSA_NS, "MessageAddressingHeaderRequired");

    private final QName keyHeader;
    private final Set<String> operationsWithoutKey;

    /**
     * @param keyHeader            the reference parameter naming a resource, or {@code null} for a
     *                             singleton service whose operations address no particular resource
     * @param operationsWithoutKey local names of operations that need no key (factories)
     */
    ResourceKeyInterceptor(QName keyHeader, Set<String> operationsWithoutKey) {
        super(Phase.PRE_INVOKE);
        this.keyHeader = keyHeader;
        this.operationsWithoutKey = Set.copyOf(operationsWithoutKey);
    }

    @Override
    public void handleMessage(SoapMessage message) {
        Optional<ResourceKey> key = keyHeader == null ? Optional.empty() : readKey(message);
        if (keyHeader != null && key.isEmpty() && requiresKey(message)) {
            Fault fault = new Fault(new IllegalArgumentException("the request names no resource: SOAP header "
                    + keyHeader + " (a reference parameter of the resource's endpoint reference) is required"));
            fault.setFaultCode(HEADER_REQUIRED);
            throw fault;
        }
        Object url = message.get(Message.REQUEST_URL);
        message.put(WsrfRequest.PROPERTY, new WsrfRequest(key, url == null ? null : url.toString()));
    }

    private Optional<ResourceKey> readKey(SoapMessage message) {
        Header header = message.getHeader(keyHeader);
        if (header == null) {
            return Optional.empty();
        }
        String text = header.getObject() instanceof Element element
                ? element.getTextContent().strip()
                : String.valueOf(header.getObject()).strip();
        try {
            return Optional.of(new ResourceKey(text));
        } catch (IllegalArgumentException e) {
            Fault fault = new Fault(new IllegalArgumentException("malformed " + keyHeader.getLocalPart()
                    + " header: " + e.getMessage()));
            fault.setFaultCode(Fault.FAULT_CODE_CLIENT);
            throw fault;
        }
    }

    private boolean requiresKey(SoapMessage message) {
        BindingOperationInfo operation = message.getExchange().getBindingOperationInfo();
        return operation != null && !operationsWithoutKey.contains(operation.getName().getLocalPart());
    }
}
