package dev.gridha.container.replication.notification;

import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.oasis_open.docs.wsn.b_2.NotificationMessageHolderType;
import org.oasis_open.docs.wsn.b_2.Notify;
import org.oasis_open.docs.wsn.bw_2.NotificationConsumer;

import dev.gridha.container.replication.Acknowledgement;

/**
 * The primary's own NotificationConsumer, where backups notify their {@value Topics#STATE_ACKNOWLEDGEMENT}s.
 * Only verified notifications get here (signature, timestamp and replay checks run first); each is routed
 * by the subscription it names to that backup's {@link NotificationStateTransfer}. One that names no live
 * subscription or no waiting update is refused with a client fault, which the backup sees as a failed
 * acknowledgement.
 */
final class AcknowledgementPort implements NotificationConsumer {

    private final NotificationProducerEndpoint producer;

    AcknowledgementPort(NotificationProducerEndpoint producer) {
        this.producer = producer;
    }

    @Override
    public void notify(Notify notify) {
        NotificationMessageHolderType message;
        String reference;
        Acknowledgement ack;
        try {
            message = NotificationMessages.single(notify, Topics.STATE_ACKNOWLEDGEMENT);
            reference = NotificationMessages.subscriptionOf(message);
            ack = NotificationMessages.acknowledgementOf(message);
        } catch (IllegalArgumentException e) {
            throw new SoapFault("acknowledgement refused: " + e.getMessage(), Fault.FAULT_CODE_CLIENT);
        }
        NotificationStateTransfer transfer = producer.transfer(reference).orElseThrow(() -> new SoapFault(
                "acknowledgement refused: no live subscription " + reference, Fault.FAULT_CODE_CLIENT));
        if (!transfer.acknowledged(ack)) {
            throw new SoapFault("acknowledgement refused: update " + ack.sequence() + " is not waiting for one from "
                    + transfer.peer(), Fault.FAULT_CODE_CLIENT);
        }
    }
}
