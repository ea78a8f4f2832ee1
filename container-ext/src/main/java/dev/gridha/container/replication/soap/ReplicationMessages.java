package dev.gridha.container.replication.soap;

import dev.gridha.container.replication.Acknowledgement;
import dev.gridha.container.replication.StateUpdate;
import dev.gridha.contracts.replication.Outcome;

/**
 * Converts between the replication records and their XML form in {@code replication.wsdl}, which both the
 * SOAP and the WS-Notification transports carry. Decoding goes through the records' constructors, so an
 * update that parses but breaks their rules (negative sequence, no group) is refused like a malformed one.
 */
public final class ReplicationMessages {

    private ReplicationMessages() {
    }

    public static dev.gridha.contracts.replication.StateUpdate toXml(StateUpdate update) {
        dev.gridha.contracts.replication.StateUpdate xml = new dev.gridha.contracts.replication.StateUpdate();
        xml.setGroup(update.group());
        xml.setEpoch(update.epoch());
        if (update.isResent()) {
            xml.setOriginEpoch(update.origin());
        }
        xml.setSequence(update.sequence());
        xml.setRequestId(update.requestId());
        xml.setResult(update.result());
        xml.setPayload(update.payload());
        return xml;
    }

    /** @throws IllegalArgumentException if the XML is not a valid update */
    public static StateUpdate fromXml(dev.gridha.contracts.replication.StateUpdate xml) {
        if (xml == null || xml.getGroup() == null || xml.getResult() == null || xml.getPayload() == null) {
            throw new IllegalArgumentException("state update without group, result or payload");
        }
        return new StateUpdate(xml.getGroup(), xml.getEpoch(), xml.getSequence(), xml.getRequestId(),
                xml.getResult(), xml.getPayload(), xml.getOriginEpoch() == null ? xml.getEpoch() : xml.getOriginEpoch());
    }

    public static dev.gridha.contracts.replication.Acknowledgement toXml(Acknowledgement ack) {
        dev.gridha.contracts.replication.Acknowledgement xml = new dev.gridha.contracts.replication.Acknowledgement();
        xml.setSequence(ack.sequence());
        xml.setOutcome(ack.isReceived() ? Outcome.RECEIVED : Outcome.REJECTED);
        xml.setReason(ack.reason());
        return xml;
    }

    /** @throws IllegalArgumentException if the XML is not a valid acknowledgement */
    public static Acknowledgement fromXml(dev.gridha.contracts.replication.Acknowledgement xml) {
        if (xml == null || xml.getOutcome() == null || xml.getReason() == null) {
            throw new IllegalArgumentException("acknowledgement without outcome or reason");
        }
        return xml.getOutcome() == Outcome.RECEIVED
                ? Acknowledgement.received(xml.getSequence())
                : Acknowledgement.rejected(xml.getSequence(), xml.getReason());
    }
}
