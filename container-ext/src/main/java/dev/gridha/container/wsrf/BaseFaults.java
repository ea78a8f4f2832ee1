package dev.gridha.container.wsrf;

import java.time.Clock;

import dev.gridha.contracts.wsrf.basefaults.BaseFaultType;
import dev.gridha.contracts.wsrf.basefaults.ErrorCodeType;

/**
 * Fills WS-BaseFaults detail beans the same way for every gridha service: the time of the fault, a stable
 * machine-readable error code (dialect {@value #ERROR_CODE_DIALECT}) and a description a person can act on.
 */
public final class BaseFaults {

    /** The dialect of gridha's error codes, such as {@code counter.overflow}. */
    public static final String ERROR_CODE_DIALECT = "http://gridha.dev/faults/codes";

    private BaseFaults() {
    }

    public static <T extends BaseFaultType> T fill(T fault, Clock clock, String code, String description) {
        fault.setTimestamp(ResourcePropertySet.dateTime(clock.instant()));
        ErrorCodeType errorCode = new ErrorCodeType();
        errorCode.setDialect(ERROR_CODE_DIALECT);
        errorCode.getContent().add(code);
        fault.setErrorCode(errorCode);
        fault.getDescription().add(description);
        return fault;
    }
}
