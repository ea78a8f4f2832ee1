package dev.gridha.services.dataaccess;

import java.util.List;

import javax.xml.namespace.QName;

import org.apache.axiom.om.OMAbstractFactory;
import org.apache.axiom.om.OMElement;
import org.apache.axiom.om.OMFactory;
import org.apache.axiom.om.OMNamespace;
import org.apache.axiom.soap.SOAP11Constants;
import org.apache.axiom.soap.SOAP12Constants;
import org.apache.axis2.AxisFault;

import dev.gridha.services.dataaccess.query.QueryRefusedException;
import dev.gridha.services.dataaccess.query.Refusal;

/**
 * Turns a refused query into the SOAP fault the client gets: fault code Client (SOAP 1.2: Sender) when the
 * request is at fault, Server (Receiver) when the database is; a reason that starts with the stable code,
 * {@code [dataaccess.not-a-select] the statement starts with DELETE; only a SELECT is run}; the code alone in
 * the detail as {@code <da:refusal><da:code>...</da:code></da:refusal>} (and, in SOAP 1.2, as a Subcode) for
 * programs. No stack trace.
 */
final class RefusalFaults {

    static final String NAMESPACE = "urn:gridha:dataaccess";
    private static final String PREFIX = "da";

    private RefusalFaults() {
    }

    static AxisFault toFault(QueryRefusedException refused, boolean soap11) {
        Refusal refusal = refused.refusal();
        boolean client = refusal.side() == Refusal.Side.CLIENT;
        QName code = soap11
                ? new QName(SOAP11Constants.SOAP_ENVELOPE_NAMESPACE_URI, client ? "Client" : "Server")
                : new QName(SOAP12Constants.SOAP_ENVELOPE_NAMESPACE_URI, client ? "Sender" : "Receiver");
        AxisFault fault = new AxisFault(code, "[" + refusal.code() + "] " + refused.getMessage(), null);
        if (!soap11) {
            fault.setFaultSubCodes(List.of(new QName(NAMESPACE, refusal.code(), PREFIX)));
        }
        fault.setDetail(detail(refusal));
        return fault;
    }

    private static OMElement detail(Refusal refusal) {
        OMFactory factory = OMAbstractFactory.getOMFactory();
        OMNamespace namespace = factory.createOMNamespace(NAMESPACE, PREFIX);
        OMElement element = factory.createOMElement("refusal", namespace);
        factory.createOMElement("code", namespace, element).setText(refusal.code());
        return element;
    }
}
