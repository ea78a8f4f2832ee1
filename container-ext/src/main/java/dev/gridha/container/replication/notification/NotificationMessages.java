package dev.gridha.container.replication.notification;

import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.dom.DOMResult;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.ws.wsaddressing.W3CEndpointReference;
import jakarta.xml.ws.wsaddressing.W3CEndpointReferenceBuilder;

import org.oasis_open.docs.wsn.b_2.NotificationMessageHolderType;
import org.oasis_open.docs.wsn.b_2.Notify;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.gridha.container.replication.Acknowledgement;
import dev.gridha.container.replication.StateUpdate;
import dev.gridha.container.replication.soap.ReplicationMessages;

/**
 * Puts replication records into WS-BaseNotification {@code Notify} messages and takes them out again. The
 * record travels as its {@code replication.wsdl} element inside the notification's {@code Message}; the
 * WS-Notification port types know nothing of that schema, so the element is (un)marshalled here with the
 * contract's own JAXB context, and any value JAXB would otherwise quietly default (a sequence that is not a
 * number, an unknown outcome) refuses the message.
 */
public final class NotificationMessages {

    private static final String WS_ADDRESSING = "http://www.w3.org/2005/08/addressing";
    private static final JAXBContext REPLICATION = replicationContext();

    private NotificationMessages() {
    }

    /** A one-message Notify of {@code update} on {@value Topics#STATE_UPDATE}. */
    static Notify stateUpdate(StateUpdate update, String subscription) {
        return notify(Topics.STATE_UPDATE, ReplicationMessages.toXml(update), subscription);
    }

    /** A one-message Notify of {@code ack} on {@value Topics#STATE_ACKNOWLEDGEMENT}. */
    static Notify acknowledgement(Acknowledgement ack, String subscription) {
        return notify(Topics.STATE_ACKNOWLEDGEMENT, ReplicationMessages.toXml(ack), subscription);
    }

    /**
     * The single notification a replication Notify carries, on {@code topic}.
     *
     * @throws IllegalArgumentException if there is not exactly one, or it is on another topic
     */
    static NotificationMessageHolderType single(Notify notify, String topic) {
        List<NotificationMessageHolderType> messages = notify == null ? List.of() : notify.getNotificationMessage();
        if (messages.size() != 1) {
            throw new IllegalArgumentException("a replication Notify carries one notification, not "
                    + messages.size());
        }
        NotificationMessageHolderType message = messages.get(0);
        String received = Topics.topicOf(message.getTopic());
        if (!topic.equals(received)) {
            throw new IllegalArgumentException("notification on topic " + received + " where " + topic
                    + " was expected");
        }
        return message;
    }

    /** @throws IllegalArgumentException if the notification is not a valid state update */
    static StateUpdate stateUpdateOf(NotificationMessageHolderType message) {
        return ReplicationMessages.fromXml(content(message, dev.gridha.contracts.replication.StateUpdate.class));
    }

    /** @throws IllegalArgumentException if the notification is not a valid acknowledgement */
    static Acknowledgement acknowledgementOf(NotificationMessageHolderType message) {
        return ReplicationMessages.fromXml(content(message, dev.gridha.contracts.replication.Acknowledgement.class));
    }

    /** @throws IllegalArgumentException if the notification names no subscription */
    static String subscriptionOf(NotificationMessageHolderType message) {
        if (message.getSubscriptionReference() == null) {
            throw new IllegalArgumentException("notification without a subscription reference");
        }
        return address(message.getSubscriptionReference());
    }

    /**
     * The reference to {@code address}, built once per address: jakarta.xml.ws-api 4.0 creates a new
     * JAXBContext inside every W3CEndpointReference it constructs (milliseconds each), and a primary names
     * the same subscription in every notification. Marshalling only reads a reference, so one
     * instance serves every thread.
     */
    public static W3CEndpointReference reference(String address) {
        if (REFERENCES.size() > 1024) {
            REFERENCES.clear(); // addresses come from subscriptions: bounded in practice, capped anyway
        }
        return REFERENCES.computeIfAbsent(address, a -> new W3CEndpointReferenceBuilder().address(a).build());
    }

    private static final java.util.Map<String, W3CEndpointReference> REFERENCES =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** @throws IllegalArgumentException if the reference has no address */
    public static String address(W3CEndpointReference reference) {
        DOMResult dom = new DOMResult();
        reference.writeTo(dom);
        NodeList addresses = ((Document) dom.getNode()).getElementsByTagNameNS(WS_ADDRESSING, "Address");
        String address = addresses.getLength() == 1 ? addresses.item(0).getTextContent().trim() : "";
        if (address.isEmpty()) {
            throw new IllegalArgumentException("endpoint reference without an address");
        }
        return address;
    }

    /**
     * One notification naming its subscription (the receiver routes by it). No ProducerReference (optional
     * in WS-BaseNotification): nobody reads it, and every reference a receiver unmarshals costs a JAXBContext.
     */
    private static Notify notify(String topic, Object element, String subscription) {
        NotificationMessageHolderType message = new NotificationMessageHolderType();
        message.setSubscriptionReference(reference(subscription));
        message.setTopic(Topics.expression(topic));
        NotificationMessageHolderType.Message content = new NotificationMessageHolderType.Message();
        content.setAny(marshal(element));
        message.setMessage(content);
        Notify notify = new Notify();
        notify.getNotificationMessage().add(message);
        return notify;
    }

    private static Element marshal(Object element) {
        try {
            Document document = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().newDocument();
            REPLICATION.createMarshaller().marshal(element, document);
            return document.getDocumentElement();
        } catch (JAXBException | ParserConfigurationException e) {
            throw new IllegalStateException("replication element could not be written", e);
        }
    }

    private static <T> T content(NotificationMessageHolderType message, Class<T> type) {
        Object any = message.getMessage() == null ? null : message.getMessage().getAny();
        if (type.isInstance(any)) {
            return type.cast(any);
        }
        if (!(any instanceof Element element)) {
            throw new IllegalArgumentException("notification without a " + type.getSimpleName() + " message");
        }
        try {
            Unmarshaller unmarshaller = REPLICATION.createUnmarshaller();
            unmarshaller.setEventHandler(event -> false);
            Object value = unmarshaller.unmarshal(element);
            if (!type.isInstance(value)) {
                throw new IllegalArgumentException("notification carries " + element.getLocalName() + ", not "
                        + type.getSimpleName());
            }
            return type.cast(value);
        } catch (JAXBException e) {
            throw new IllegalArgumentException("malformed " + type.getSimpleName() + ": " + e, e);
        }
    }

    private static JAXBContext replicationContext() {
        try {
            return JAXBContext.newInstance(dev.gridha.contracts.replication.ObjectFactory.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
