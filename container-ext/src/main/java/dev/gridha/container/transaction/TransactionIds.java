package dev.gridha.container.transaction;

import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;

/** The service transaction the request being served on this thread belongs to, from its header. */
public final class TransactionIds {

    private TransactionIds() {
    }

    /** The id, or {@code null} outside a request or for a request of its own. */
    public static String current() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        return message == null ? null : (String) message.get(TransactionHeaderInterceptor.TRANSACTION_ID);
    }
}
