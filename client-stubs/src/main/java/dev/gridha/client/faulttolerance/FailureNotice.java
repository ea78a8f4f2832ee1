package dev.gridha.client.faulttolerance;

import java.util.Objects;
import java.util.Optional;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What a replica announces on the {@value #TOPIC} topic when it has taken over as primary (the thesis's
 * FAILURE notification, Fig. III.3): the group, the epoch it serves, and its replica id. A client learns of
 * the take-over from the replica itself: its subscription or pull point at that replica says which of its
 * replicas to send calls to from now on.
 *
 * <p>Notifications are not signed (clients hold no group secret): a client only ever moves among the
 * replicas it was configured with, never to an address a notice names, and a forged notice costs it one
 * refused call ({@code state.not-primary}) before it moves on again.
 */
public record FailureNotice(String group, long epoch, String primary) {

    /** The WS-Topics Simple topic a primary's take-over is published on. */
    public static final String TOPIC = "FAILURE";
    public static final String NAMESPACE = "urn:gridha:failure";
    private static final int MAX_TEXT = 256;

    public FailureNotice {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(primary, "primary");
        if (epoch < 1) {
            throw new IllegalArgumentException("epochs start at 1: " + epoch);
        }
    }

    /** {@code <f:Failure><f:Group/><f:Epoch/><f:Primary/></f:Failure>} in {@code document}. */
    public Element toElement(Document document) {
        Element failure = document.createElementNS(NAMESPACE, "f:Failure");
        failure.appendChild(child(document, "Group", group));
        failure.appendChild(child(document, "Epoch", Long.toString(epoch)));
        failure.appendChild(child(document, "Primary", primary));
        return failure;
    }

    private static Element child(Document document, String name, String text) {
        Element child = document.createElementNS(NAMESPACE, "f:" + name);
        child.setTextContent(text);
        return child;
    }

    /** The notice {@code element} holds, or empty if it is not a well-formed one. */
    public static Optional<FailureNotice> from(Element element) {
        if (element == null || !NAMESPACE.equals(element.getNamespaceURI())
                || !"Failure".equals(element.getLocalName())) {
            return Optional.empty();
        }
        try {
            return Optional.of(new FailureNotice(text(element, "Group"), Long.parseLong(text(element, "Epoch")),
                    text(element, "Primary")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The first {@code Failure} element anywhere below {@code root} (a SOAP envelope, a Notify). */
    public static Optional<FailureNotice> findIn(Node root) {
        if (root instanceof Element element && NAMESPACE.equals(element.getNamespaceURI())
                && "Failure".equals(element.getLocalName())) {
            return from(element);
        }
        for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
            Optional<FailureNotice> found = findIn(child);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static String text(Element parent, String name) {
        var children = parent.getElementsByTagNameNS(NAMESPACE, name);
        if (children.getLength() != 1) {
            throw new IllegalArgumentException("a failure notice has exactly one " + name);
        }
        String text = children.item(0).getTextContent().strip();
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            throw new IllegalArgumentException(name + " is empty or too long");
        }
        return text;
    }
}
