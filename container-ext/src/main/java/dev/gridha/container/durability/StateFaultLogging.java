package dev.gridha.container.durability;

import java.util.Optional;

import org.apache.cxf.logging.FaultListener;
import org.apache.cxf.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a request refused for a durability reason (database down, backup not acknowledging, a request to a
 * backup, an object held by another action, a transaction that is not open) as one line, instead of CXF's
 * default WARN with a stack trace: these are operating conditions the client is told about, not bugs. Any
 * other failure keeps CXF's default logging.
 */
final class StateFaultLogging implements FaultListener {

    private static final Logger LOG = LoggerFactory.getLogger(StateFaultLogging.class);

    @Override
    public boolean faultOccurred(Exception exception, String description, Message message) {
        Optional<StateUnavailable> refusal = StateUnavailable.of(exception);
        if (refusal.isEmpty()) {
            return true;
        }
        LOG.info("{} refused [{}]: {}", description, refusal.get().errorCode(), refusal.get().description());
        return false;
    }
}
