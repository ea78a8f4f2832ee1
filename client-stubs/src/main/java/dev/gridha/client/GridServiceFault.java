package dev.gridha.client;

import java.util.List;

import dev.gridha.contracts.wsrf.basefaults.BaseFaultType;

/**
 * A fault the service declared in its WSDL and sent back: the request was understood and refused (an
 * unknown resource, an impossible job, a counter overflow). Retrying the same request elsewhere will not
 * help. {@link #faultName()} is the WSDL fault ({@code ResourceUnknownFault}); {@link #errorCode()} is
 * gridha's stable code ({@code counter.overflow}) when the service gave one.
 */
public class GridServiceFault extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String faultName;
    private final String errorCode;

    public GridServiceFault(String faultName, String errorCode, String message, Throwable cause) {
        super(message, cause);
        this.faultName = faultName;
        this.errorCode = errorCode;
    }

    /**
     * Wraps a fault exception generated from the WSDL. Every one of gridha's declared faults is a WS-BaseFaults
     * fault, so its generated exception has {@code getFaultInfo()} returning a {@link BaseFaultType}; reading
     * it reflectively lets one call site catch several fault types at once.
     */
    static GridServiceFault of(Exception fault) {
        BaseFaultType detail = null;
        try {
            Object info = fault.getClass().getMethod("getFaultInfo").invoke(fault);
            detail = info instanceof BaseFaultType base ? base : null;
        } catch (ReflectiveOperationException notAGeneratedFault) {
            // keep the name and message; there is no error code to read
        }
        return of(fault, detail);
    }

    /** Wraps a generated fault exception whose detail is a WS-BaseFaults fault. */
    static GridServiceFault of(Exception fault, BaseFaultType detail) {
        String name = fault.getClass().getSimpleName();
        String code = null;
        if (detail != null && detail.getErrorCode() != null) {
            List<Object> content = detail.getErrorCode().getContent();
            code = content.isEmpty() ? null : String.valueOf(content.get(0)).strip();
        }
        return new GridServiceFault(name, code, fault.getMessage(), fault);
    }

    /**
     * Wraps a SOAP fault the operation does not declare but that carries a WS-BaseFaults detail, such as the
     * ResourceUnavailableFault a service sends when it could not make a request durable; any other failure
     * is returned unchanged.
     */
    static RuntimeException of(jakarta.xml.ws.WebServiceException failure) {
        org.w3c.dom.Element detail = null;
        if (failure instanceof jakarta.xml.ws.soap.SOAPFaultException soap) {
            detail = soap.getFault().getDetail();
        } else if (failure.getCause() instanceof org.apache.cxf.interceptor.Fault fault) {
            detail = fault.getDetail();
        }
        org.w3c.dom.Element entry = detail == null ? null : firstElement(detail);
        if (entry == null) {
            return failure;
        }
        org.w3c.dom.NodeList codes = entry.getElementsByTagNameNS(BASE_FAULTS, "ErrorCode");
        String code = codes.getLength() == 0 ? null : codes.item(0).getTextContent().strip();
        String message = failure.getCause() != null && failure.getCause().getMessage() != null
                ? failure.getCause().getMessage() : failure.getMessage();
        return new GridServiceFault(entry.getLocalName(), code, message, failure);
    }

    private static final String BASE_FAULTS = "http://docs.oasis-open.org/wsrf/bf-2";

    private static org.w3c.dom.Element firstElement(org.w3c.dom.Element parent) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof org.w3c.dom.Element element) {
                return element;
            }
        }
        return null;
    }

    public String faultName() {
        return faultName;
    }

    /** gridha's error code, or {@code null} if the fault carried none. */
    public String errorCode() {
        return errorCode;
    }
}
