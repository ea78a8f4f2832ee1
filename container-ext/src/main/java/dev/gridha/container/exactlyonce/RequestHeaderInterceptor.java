package dev.gridha.container.exactlyonce;

import java.util.Optional;
import java.util.Set;

import javax.xml.namespace.QName;

import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.headers.Header;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;
import org.w3c.dom.Element;

import dev.gridha.client.faulttolerance.RequestHeader;
import dev.gridha.durability.runtime.ServedEpoch;

/**
 * Reads a fault-tolerant client's request header into the message (for the request id the durability
 * runtime records results under) and declares the header understood. A malformed header is refused
 * before the service runs.
 */
final class RequestHeaderInterceptor extends AbstractSoapInterceptor {

    RequestHeaderInterceptor() {
        super(Phase.PRE_PROTOCOL);
    }

    /** Set on a probe's message: {@link ProbeRefusalInterceptor} refuses it before the operation runs. */
    static final String PROBE = RequestHeaderInterceptor.class.getName() + ".probe";

    @Override
    public Set<QName> getUnderstoodHeaders() {
        return Set.of(RequestHeader.NAME, RequestHeader.PROBE);
    }

    @Override
    public void handleMessage(SoapMessage message) {
        ServedEpoch.clear(); // nothing an earlier request on this thread left may reach this one's reply
        if (message.getHeader(RequestHeader.PROBE) != null) {
            message.put(PROBE, Boolean.TRUE);
        }
        Header header = message.getHeader(RequestHeader.NAME);
        if (header == null) {
            return;
        }
        Optional<RequestHeader> parsed = header.getObject() instanceof Element element
                ? RequestHeader.fromElement(element) : Optional.empty();
        if (parsed.isEmpty()) {
            throw new Fault(new IllegalArgumentException("the " + RequestHeader.NAME.getLocalPart()
                    + " header needs client (1-64 of A-Z a-z 0-9 . _ -) and sequence (a number from 1)"),
                    message.getVersion().getSender());
        }
        message.put(RequestHeader.class, parsed.get());
    }
}
