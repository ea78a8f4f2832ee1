package dev.gridha.services.dataaccess;

import javax.xml.namespace.QName;

import org.apache.axiom.soap.SOAPEnvelope;
import org.apache.axiom.soap.SOAPFault;
import org.apache.axiom.soap.SOAPFaultCode;
import org.apache.axiom.soap.SOAPFaultReason;
import org.apache.axis2.context.MessageContext;
import org.apache.axis2.handlers.AbstractHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each SOAP fault the service sends in one line, its code and reason (which begins with the stable
 * refusal code for the service's own refusals). Runs in the out-fault flow, so the faults Axis2 raises itself
 * (an unparsable request, a DOCTYPE) are logged too. It only reads: a fault it cannot read is logged as such
 * and still sent.
 */
public final class FaultLogHandler extends AbstractHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FaultLogHandler.class);

    @Override
    public InvocationResponse invoke(MessageContext message) {
        try {
            SOAPEnvelope envelope = message.getEnvelope();
            SOAPFault fault = envelope == null || envelope.getBody() == null ? null : envelope.getBody().getFault();
            if (fault != null) {
                LOG.info("fault sent: {} {}", code(fault), reason(fault));
            }
        } catch (RuntimeException e) {
            LOG.info("fault sent (not readable for the log: {})", e.toString());
        }
        return InvocationResponse.CONTINUE;
    }

    private static String code(SOAPFault fault) {
        SOAPFaultCode code = fault.getCode();
        if (code == null) {
            return "?";
        }
        // the value's prefix may be undeclared in faults Axis2 builds itself: fall back to the raw text
        QName value = code.getValueAsQName();
        if (value != null) {
            return value.getLocalPart();
        }
        String text = code.getValue() != null ? code.getValue().getText() : code.getText();
        return text == null || text.isBlank() ? "?" : text.trim();
    }

    private static String reason(SOAPFault fault) {
        SOAPFaultReason reason = fault.getReason();
        if (reason == null) {
            return "";
        }
        String text = reason.getText();
        // SOAP 1.1 holds the text directly, SOAP 1.2 in a Text child
        if (text.isBlank() && reason.getFirstSOAPText() != null) {
            text = reason.getFirstSOAPText().getText();
        }
        return text;
    }
}
