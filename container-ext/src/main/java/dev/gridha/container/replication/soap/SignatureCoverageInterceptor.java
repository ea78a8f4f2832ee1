package dev.gridha.container.replication.soap;

import java.util.List;

import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.WSDataRef;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.WSHandlerConstants;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.apache.wss4j.dom.message.token.Timestamp;
import org.w3c.dom.Element;

/**
 * Refuses a message unless the UsernameToken-derived signature covers <i>this</i> message's Body and
 * Timestamp. WSS4J verifies whatever the signature references; without this check a message could carry a
 * valid signature over other elements (an old body moved aside, a second timestamp) next to an unsigned
 * Body. CXF's own CryptoCoverageChecker does not count UsernameToken signatures, hence this one.
 */
final class SignatureCoverageInterceptor extends AbstractSoapInterceptor {

    SignatureCoverageInterceptor() {
        super(Phase.PRE_PROTOCOL);
        addAfter(WSS4JInInterceptor.class.getName());
    }

    @Override
    public void handleMessage(SoapMessage message) throws Fault {
        if (isFaultReceivedByClient(message)) {
            // Faults come back unsigned; checking them would hide the server's reason behind this one. A
            // forged fault can only fail the one transfer it answers, which the primary reports anyway.
            return;
        }
        Element timestamp = null;
        boolean bodySigned = false;
        boolean timestampSigned = false;
        for (WSSecurityEngineResult result : results(message, WSConstants.TS)) {
            timestamp = ((Timestamp) result.get(WSSecurityEngineResult.TAG_TIMESTAMP)).getElement();
        }
        for (WSSecurityEngineResult result : results(message, WSConstants.UT_SIGN)) {
            @SuppressWarnings("unchecked")
            List<WSDataRef> references = (List<WSDataRef>) result.get(WSSecurityEngineResult.TAG_DATA_REF_URIS);
            for (WSDataRef reference : references) {
                bodySigned |= isTheBody(reference.getProtectedElement());
                timestampSigned |= timestamp != null && reference.getProtectedElement() == timestamp;
            }
        }
        if (!bodySigned || !timestampSigned) {
            throw new SoapFault("replication message refused: its body and timestamp are not both signed with"
                    + " the group's secret", Fault.FAULT_CODE_CLIENT);
        }
    }

    private static List<WSSecurityEngineResult> results(SoapMessage message, int action) {
        Object received = message.get(WSHandlerConstants.RECV_RESULTS);
        if (!(received instanceof List<?> handlerResults)) {
            return List.of();
        }
        return handlerResults.stream()
                .filter(WSHandlerResult.class::isInstance)
                .map(WSHandlerResult.class::cast)
                .flatMap(result -> result.getActionResults().getOrDefault(action, List.of()).stream())
                .toList();
    }

    private static boolean isFaultReceivedByClient(SoapMessage message) {
        if (!org.apache.cxf.message.MessageUtils.isRequestor(message)) {
            return false;
        }
        jakarta.xml.soap.SOAPMessage saaj = message.getContent(jakarta.xml.soap.SOAPMessage.class);
        try {
            return saaj != null && saaj.getSOAPBody() != null && saaj.getSOAPBody().hasFault();
        } catch (jakarta.xml.soap.SOAPException e) {
            return false;
        }
    }

    /** The SOAP Body that the service will read: the one child of the Envelope, not a copy moved elsewhere. */
    private static boolean isTheBody(Element element) {
        return element != null && "Body".equals(element.getLocalName())
                && element.getParentNode() == element.getOwnerDocument().getDocumentElement();
    }
}
