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

    public String faultName() {
        return faultName;
    }

    /** gridha's error code, or {@code null} if the fault carried none. */
    public String errorCode() {
        return errorCode;
    }
}
