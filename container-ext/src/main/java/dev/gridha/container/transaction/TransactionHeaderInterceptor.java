package dev.gridha.container.transaction;

import java.util.Set;

import javax.xml.namespace.QName;

import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.headers.Header;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;
import org.w3c.dom.Element;

import dev.gridha.client.transaction.TransactionHeader;

/**
 * Reads a request's transaction header into the message for {@link TransactionIds}, and declares the header
 * understood, so a request that names a transaction reaches only endpoints that take part in transactions
 * (elsewhere its mustUnderstand makes it fail). A malformed id is refused before the service runs.
 */
final class TransactionHeaderInterceptor extends AbstractSoapInterceptor {

    static final String TRANSACTION_ID = TransactionHeaderInterceptor.class.getName() + ".id";

    TransactionHeaderInterceptor() {
        super(Phase.PRE_PROTOCOL);
    }

    @Override
    public Set<QName> getUnderstoodHeaders() {
        return Set.of(TransactionHeader.NAME);
    }

    @Override
    public void handleMessage(SoapMessage message) {
        Header header = message.getHeader(TransactionHeader.NAME);
        if (header == null) {
            return;
        }
        String id = header.getObject() instanceof Element element ? element.getTextContent().strip() : null;
        if (!TransactionHeader.wellFormed(id)) {
            throw new Fault(new IllegalArgumentException("the " + TransactionHeader.NAME.getLocalPart()
                    + " header must hold a transaction id the service issued (1-64 of A-Z a-z 0-9 _ -)"),
                    message.getVersion().getSender());
        }
        message.put(TRANSACTION_ID, id);
    }
}
