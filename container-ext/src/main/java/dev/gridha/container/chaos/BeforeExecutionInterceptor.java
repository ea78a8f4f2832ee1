package dev.gridha.container.chaos;

import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

import dev.gridha.client.faulttolerance.RequestHeader;

/**
 * {@link ProtocolStep#BEFORE_EXECUTION}: the request has been decoded and nothing of it has run. Only
 * fault-tolerant clients' numbered requests count: they are the ones a crash here must not lose (the client
 * resubmits them, and they run once, at the next primary), and probes carry no such header, so a probe is
 * never counted and is left to {@code ProbeRefusalInterceptor}. A backup, which refuses requests later in
 * the operation, counts none: {@link PauseTrigger} counts nothing until this process is a primary
 * ({@link PrimaryGroups}).
 */
final class BeforeExecutionInterceptor extends AbstractPhaseInterceptor<Message> {

    BeforeExecutionInterceptor() {
        super(Phase.PRE_INVOKE);
    }

    @Override
    public void handleMessage(Message message) {
        ChaosPoints.requestStarts();
        if (message.get(RequestHeader.class) != null) {
            ChaosPoints.beforeExecution();
        }
    }
}
