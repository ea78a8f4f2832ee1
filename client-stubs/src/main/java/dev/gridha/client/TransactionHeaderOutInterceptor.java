package dev.gridha.client;

import org.apache.cxf.binding.soap.SoapHeader;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.helpers.DOMUtils;
import org.apache.cxf.phase.Phase;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.gridha.client.transaction.TransactionHeader;

/**
 * Adds the transaction header to every request a gridha client port sends while a
 * {@link ServiceTransaction} is current on the calling thread.
 */
final class TransactionHeaderOutInterceptor extends AbstractSoapInterceptor {

    static final TransactionHeaderOutInterceptor INSTANCE = new TransactionHeaderOutInterceptor();

    private TransactionHeaderOutInterceptor() {
        super(Phase.PRE_PROTOCOL);
    }

    @Override
    public void handleMessage(SoapMessage message) {
        ServiceTransaction.current().ifPresent(transaction -> {
            Document document = DOMUtils.createDocument();
            Element header = document.createElementNS(TransactionHeader.NAMESPACE, "tx:Transaction");
            header.setTextContent(transaction.id());
            SoapHeader soapHeader = new SoapHeader(TransactionHeader.NAME, header);
            soapHeader.setMustUnderstand(true);
            message.getHeaders().add(soapHeader);
        });
    }
}
