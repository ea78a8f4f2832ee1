package dev.gridha.container.exactlyonce;

import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Refuses a fault-tolerant client's probe just before the operation would run: everything up to here (HTTP,
 * addressing, schema validation, decoding, the resource lookup) has been exercised, which is what the probe
 * is for, and nothing is executed.
 */
final class ProbeRefusalInterceptor extends AbstractPhaseInterceptor<Message> {

    ProbeRefusalInterceptor() {
        super(Phase.PRE_INVOKE);
    }

    @Override
    public void handleMessage(Message message) {
        if (Boolean.TRUE.equals(message.get(RequestHeaderInterceptor.PROBE))) {
            throw new Fault(new IllegalStateException("a probe: taken in and refused, never executed"));
        }
    }
}
