package dev.gridha.container.chaos;

import java.io.OutputStream;

import org.apache.cxf.interceptor.MessageSenderInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * {@link ProtocolStep#DURING_REPLY}: on the reply to a request that replicated an update, at the pass to stop
 * at, puts a {@link CutReplyStream} under everything that writes the reply. It sits right after the
 * transport opened the response stream, so the XML writer that comes later writes through it.
 */
final class DuringReplyInterceptor extends AbstractPhaseInterceptor<Message> {

    DuringReplyInterceptor() {
        super(Phase.PREPARE_SEND);
        addAfter(MessageSenderInterceptor.class.getName());
    }

    @Override
    public void handleMessage(Message message) {
        OutputStream reply = message.getContent(OutputStream.class);
        if (reply != null && ChaosPoints.mustCutReply()) {
            message.setContent(OutputStream.class,
                    new CutReplyStream(reply, () -> ChaosPoints.stop(ProtocolStep.DURING_REPLY)));
        }
    }
}
