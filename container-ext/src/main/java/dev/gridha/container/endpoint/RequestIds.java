package dev.gridha.container.endpoint;

import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.apache.cxf.ws.addressing.AddressingProperties;
import org.apache.cxf.ws.addressing.AttributedURIType;
import org.apache.cxf.ws.addressing.JAXWSAConstants;

/**
 * The id of the request being served on this thread: its WS-Addressing MessageID, which every gridha
 * endpoint requires. It travels with the request's state update so a backup can recognise a resubmission.
 */
public final class RequestIds {

    private RequestIds() {
    }

    /** The current request's MessageID, or {@code null} outside a request or if it carries none. */
    public static String current() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        if (message == null) {
            return null;
        }
        Object maps = message.get(JAXWSAConstants.ADDRESSING_PROPERTIES_INBOUND);
        if (maps instanceof AddressingProperties addressing) {
            AttributedURIType id = addressing.getMessageID();
            return id == null ? null : id.getValue();
        }
        return null;
    }
}
