package dev.gridha.container.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.cxf.binding.soap.Soap11;
import org.apache.cxf.binding.soap.SoapHeader;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.helpers.DOMUtils;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.MessageImpl;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import dev.gridha.client.transaction.TransactionHeader;

class TransactionHeaderInterceptorTest {

    private final TransactionHeaderInterceptor interceptor = new TransactionHeaderInterceptor();

    private static SoapMessage withHeader(String text) {
        SoapMessage message = new SoapMessage(new MessageImpl());
        message.setVersion(Soap11.getInstance());
        if (text != null) {
            Element header = DOMUtils.createDocument().createElementNS(TransactionHeader.NAMESPACE, "tx:Transaction");
            header.setTextContent(text);
            message.getHeaders().add(new SoapHeader(TransactionHeader.NAME, header));
        }
        return message;
    }

    @Test
    void aWellFormedIdIsHandedToTheRuntimeAndTheHeaderIsUnderstood() {
        SoapMessage message = withHeader(" Zm9vYmFyYmF6cXV4MTIzNA ");
        interceptor.handleMessage(message);

        assertThat(message.get(TransactionHeaderInterceptor.TRANSACTION_ID)).isEqualTo("Zm9vYmFyYmF6cXV4MTIzNA");
        assertThat(interceptor.getUnderstoodHeaders()).containsExactly(TransactionHeader.NAME);
    }

    @Test
    void aRequestWithoutTheHeaderIsARequestOfItsOwn() {
        SoapMessage message = withHeader(null);
        interceptor.handleMessage(message);

        assertThat(message.get(TransactionHeaderInterceptor.TRANSACTION_ID)).isNull();
    }

    @Test
    void aMalformedIdIsRefusedAsTheClientsFault() {
        for (String malformed : new String[] {"", "a b", "x".repeat(65), "<id>", "id;DROP"}) {
            SoapMessage message = withHeader(malformed);
            assertThatThrownBy(() -> interceptor.handleMessage(message)).as(malformed)
                    .isInstanceOfSatisfying(Fault.class, fault -> {
                        assertThat(fault.getFaultCode()).isEqualTo(Soap11.getInstance().getSender());
                        assertThat(fault).hasMessageContaining("transaction id");
                    });
            assertThat(message.get(TransactionHeaderInterceptor.TRANSACTION_ID)).isNull();
        }
    }
}
