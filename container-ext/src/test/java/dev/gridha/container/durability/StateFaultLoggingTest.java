package dev.gridha.container.durability;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.MessageImpl;
import org.junit.jupiter.api.Test;

import dev.gridha.durability.runtime.StateBusyException;
import dev.gridha.durability.runtime.deployment.NotPrimaryException;

class StateFaultLoggingTest {

    private final StateFaultLogging logging = new StateFaultLogging();

    @Test
    void aDurabilityRefusalIsLoggedAsOneLineInsteadOfCxfsStackTrace() {
        assertThat(logging.faultOccurred(new Fault(new StateBusyException("held")), "Add", new MessageImpl()))
                .isFalse();
        assertThat(logging.faultOccurred(new Fault(new NotPrimaryException("a backup")), "Add", new MessageImpl()))
                .isFalse();
    }

    @Test
    void anythingElseKeepsCxfsDefaultLogging() {
        assertThat(logging.faultOccurred(new Fault(new IllegalStateException("a bug")), "Add", new MessageImpl()))
                .isTrue();
    }
}
