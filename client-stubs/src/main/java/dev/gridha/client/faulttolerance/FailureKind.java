package dev.gridha.client.faulttolerance;

import java.io.IOException;

import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** What a failed call means for a fault-tolerant client: give up, try the same replica again, or the next. */
enum FailureKind {
    /** The service answered: its fault is the call's result (or the caller's mistake). */
    FINAL,
    /** The primary could not make the request durable this time and changed nothing: try it again. */
    RETRY_SAME,
    /** The replica is gone or is not the primary: try the next one. */
    NEXT_REPLICA;

    private static final String BASE_FAULTS = "http://docs.oasis-open.org/wsrf/bf-2";

    static FailureKind of(Throwable failure) {
        String code = errorCode(failure);
        if (code != null) {
            return switch (code) {
                case "state.not-primary" -> NEXT_REPLICA;
                case "state.replication-failed", "state.busy", "state.database-unavailable" -> RETRY_SAME;
                default -> FINAL;
            };
        }
        // Transport failures first: CXF also wraps an I/O failure on the client's side (a refused connection
        // noticed while the request is written) in a SOAPFaultException that no service sent.
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.apache.cxf.transport.http.HTTPException http) {
                // 404/503: the webapp is gone (undeployed, restarting) or the server is shutting down;
                // 502/504: a balancer in front could not reach the container (a crash): the resubmission is
                // answered once, whether the lost attempt reached the service or not
                int status = http.getResponseCode();
                return status == 404 || status == 502 || status == 503 || status == 504 ? NEXT_REPLICA : FINAL;
            }
            if (cause instanceof IOException) {
                return NEXT_REPLICA; // refused, reset, timed out: the primary is unreachable
            }
            if (cause == cause.getCause()) {
                break;
            }
        }
        return FINAL; // a SOAP fault the service sent without a code of ours, or the caller's mistake
    }

    /** gridha's error code in a WS-BaseFaults detail, from a declared fault or a SOAP fault. */
    private static String errorCode(Throwable failure) {
        if (failure instanceof jakarta.xml.ws.soap.SOAPFaultException soap && soap.getFault().getDetail() != null) {
            NodeList codes = soap.getFault().getDetail().getElementsByTagNameNS(BASE_FAULTS, "ErrorCode");
            return codes.getLength() == 0 ? null : codes.item(0).getTextContent().strip();
        }
        if (failure instanceof jakarta.xml.ws.WebServiceException
                && failure.getCause() instanceof org.apache.cxf.interceptor.Fault fault && fault.getDetail() != null) {
            NodeList codes = fault.getDetail().getElementsByTagNameNS(BASE_FAULTS, "ErrorCode");
            return codes.getLength() == 0 ? null : codes.item(0).getTextContent().strip();
        }
        try {
            Object info = failure.getClass().getMethod("getFaultInfo").invoke(failure);
            if (info instanceof dev.gridha.contracts.wsrf.basefaults.BaseFaultType base && base.getErrorCode() != null
                    && !base.getErrorCode().getContent().isEmpty()) {
                Object first = base.getErrorCode().getContent().get(0);
                return first instanceof Node node ? node.getTextContent().strip() : String.valueOf(first).strip();
            }
        } catch (ReflectiveOperationException notAGeneratedFault) {
            // no detail to read
        }
        return null;
    }
}
