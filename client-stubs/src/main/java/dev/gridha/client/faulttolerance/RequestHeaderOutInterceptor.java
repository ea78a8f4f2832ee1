package dev.gridha.client.faulttolerance;

import org.apache.cxf.binding.soap.SoapHeader;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.helpers.DOMUtils;
import org.apache.cxf.phase.Phase;

/** Adds the current call's {@link RequestHeader} to a request sent through a {@link FaultTolerantPort}. */
public final class RequestHeaderOutInterceptor extends AbstractSoapInterceptor {

    public static final RequestHeaderOutInterceptor INSTANCE = new RequestHeaderOutInterceptor();

    private RequestHeaderOutInterceptor() {
        super(Phase.PRE_PROTOCOL);
    }

    @Override
    public void handleMessage(SoapMessage message) {
        if (Boolean.TRUE.equals(FaultTolerantPort.PROBING.get())) {
            SoapHeader probe = new SoapHeader(RequestHeader.PROBE,
                    DOMUtils.createDocument().createElementNS(RequestHeader.NAMESPACE, "ft:Probe"));
            probe.setMustUnderstand(true); // a service that cannot refuse a probe must not run it either
            message.getHeaders().add(probe);
            return;
        }
        RequestHeader header = FaultTolerantPort.CURRENT.get();
        if (header != null) {
            SoapHeader soapHeader = new SoapHeader(RequestHeader.NAME, header.toElement(DOMUtils.createDocument()));
            soapHeader.setMustUnderstand(true);
            message.getHeaders().add(soapHeader);
        }
    }
}
