package dev.gridha.container.endpoint;

import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.apache.cxf.ws.addressing.AddressingProperties;
import org.apache.cxf.ws.addressing.AttributedURIType;
import org.apache.cxf.ws.addressing.JAXWSAConstants;

import dev.gridha.client.faulttolerance.RequestHeader;

/**
 * The id of the request being served on this thread: a fault-tolerant client's number for it, else its
 * WS-Addressing MessageID, which every gridha endpoint requires. It travels with the request's state update
 * so a backup, once promoted, can recognise a resubmission.
 */
public final class RequestIds {

    private RequestIds() {
    }

    /**
     * The current request's id: a fault-tolerant client's {@code ft:<client>:<sequence>} (the same when the
     * request is resubmitted), else its MessageID; {@code null} outside a request or if it carries neither.
     */
    public static String current() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        if (message == null) {
            return null;
        }
        RequestHeader numbered = message.get(RequestHeader.class);
        if (numbered != null) {
            return numbered.requestId();
        }
        Object maps = message.get(JAXWSAConstants.ADDRESSING_PROPERTIES_INBOUND);
        if (maps instanceof AddressingProperties addressing) {
            AttributedURIType id = addressing.getMessageID();
            return id == null ? null : id.getValue();
        }
        return null;
    }
}
