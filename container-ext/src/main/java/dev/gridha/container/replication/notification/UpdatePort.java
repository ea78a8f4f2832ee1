package dev.gridha.container.replication.notification;

import jakarta.xml.ws.WebServiceException;

import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.oasis_open.docs.wsn.b_2.NotificationMessageHolderType;
import org.oasis_open.docs.wsn.b_2.Notify;
import org.oasis_open.docs.wsn.bw_2.NotificationConsumer;

import dev.gridha.container.replication.Acknowledgement;
import dev.gridha.container.replication.StateUpdate;
import dev.gridha.container.replication.StateUpdateHandler;
import dev.gridha.container.replication.soap.GuardedHandler;

/**
 * The backup's NotificationConsumer: each verified {@value Topics#STATE_UPDATE} notification goes to the
 * handler, and the handler's acknowledgement is notified back to the primary <i>before</i> this Notify is
 * answered. That order is what lets the primary treat a Notify answered without an acknowledgement as a
 * failure, and keeps acknowledgements in update order. A failed acknowledgement fails this Notify too, so
 * the primary learns of it either way.
 *
 * <p>One update is handled at a time, in arrival order: the primary sends one at a time per backup.
 */
final class UpdatePort implements NotificationConsumer {

    private final StateUpdateHandler handler;
    private final NotificationConsumer primary;

    /**
     * @param primary a client of the primary's acknowledgement consumer
     */
    UpdatePort(StateUpdateHandler handler, NotificationConsumer primary) {
        this.handler = new GuardedHandler(handler);
        this.primary = primary;
    }

    @Override
    public synchronized void notify(Notify notify) {
        String subscription;
        StateUpdate update;
        try {
            NotificationMessageHolderType message = NotificationMessages.single(notify, Topics.STATE_UPDATE);
            subscription = NotificationMessages.subscriptionOf(message);
            update = NotificationMessages.stateUpdateOf(message);
        } catch (IllegalArgumentException e) {
            throw new SoapFault("state update refused: " + e.getMessage(), Fault.FAULT_CODE_CLIENT);
        }
        Acknowledgement ack = handler.receive(update);
        try {
            primary.notify(NotificationMessages.acknowledgement(ack, subscription));
        } catch (WebServiceException e) {
            throw new SoapFault("the acknowledgement of update " + update.sequence() + " was not accepted: "
                    + e.getMessage(), Fault.FAULT_CODE_SERVER);
        }
    }
}
