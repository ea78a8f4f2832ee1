package dev.gridha.container.exactlyonce;

import org.apache.cxf.binding.soap.SoapHeader;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.helpers.DOMUtils;
import org.apache.cxf.phase.Phase;
import org.w3c.dom.Element;

import dev.gridha.client.faulttolerance.RequestHeader;
import dev.gridha.durability.runtime.ServedEpoch;

/**
 * Puts the serving primary's epoch into the reply ({@code <ft:Epoch>n</ft:Epoch>}) when the request ran in a
 * failover group: "the epoch travels in every reply".
 */
final class EpochHeaderOutInterceptor extends AbstractSoapInterceptor {

    EpochHeaderOutInterceptor() {
        super(Phase.PRE_PROTOCOL);
    }

    @Override
    public void handleMessage(SoapMessage message) {
        ServedEpoch.take().ifPresent(epoch -> {
            Element element = DOMUtils.createDocument().createElementNS(RequestHeader.NAMESPACE, "ft:Epoch");
            element.setTextContent(Long.toString(epoch));
            message.getHeaders().add(new SoapHeader(RequestHeader.EPOCH, element));
        });
    }
}
