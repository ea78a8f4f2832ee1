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

    public String faultName() {
        return faultName;
    }

    /** gridha's error code, or {@code null} if the fault carried none. */
    public String errorCode() {
        return errorCode;
    }
}
