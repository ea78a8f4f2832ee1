package dev.gridha.container.wsrf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.gridha.contracts.faults.InvalidRequestFaultType;

class BaseFaultsTest {

    private static final Instant T0 = Instant.parse("2030-06-15T12:34:56.789Z");

    @Test
    void fillSetsTimestampErrorCodeAndDescriptionAndReturnsTheSameBean() {
        InvalidRequestFaultType bean = new InvalidRequestFaultType();

        InvalidRequestFaultType filled = BaseFaults.fill(bean, new MutableClock(T0), "request.out-of-range",
                "CpuMhz must be between 1 and 1000000, got 0");

        assertThat(filled).isSameAs(bean);
        assertThat(filled.getTimestamp().toGregorianCalendar().toInstant()).isEqualTo(T0);
        assertThat(filled.getTimestamp().getTimezone()).isZero();
        assertThat(filled.getErrorCode().getDialect()).isEqualTo("http://gridha.dev/faults/codes")
                .isEqualTo(BaseFaults.ERROR_CODE_DIALECT);
        assertThat(filled.getErrorCode().getContent()).containsExactly("request.out-of-range");
        assertThat(filled.getDescription()).containsExactly("CpuMhz must be between 1 and 1000000, got 0");
    }

    @Test
    void timestampFollowsTheClockPassedIn() {
        MutableClock clock = new MutableClock(T0);
        InvalidRequestFaultType early = BaseFaults.fill(new InvalidRequestFaultType(), clock, "a", "a");
        clock.set(T0.plusSeconds(3600));
        InvalidRequestFaultType late = BaseFaults.fill(new InvalidRequestFaultType(), clock, "b", "b");

        assertThat(early.getTimestamp().toGregorianCalendar().toInstant()).isEqualTo(T0);
        assertThat(late.getTimestamp().toGregorianCalendar().toInstant()).isEqualTo(T0.plusSeconds(3600));
    }
}
