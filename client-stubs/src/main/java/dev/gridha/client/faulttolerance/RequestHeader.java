package dev.gridha.client.faulttolerance;

import java.util.Optional;
import java.util.regex.Pattern;

import javax.xml.namespace.QName;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The SOAP header by which a fault-tolerant client numbers its requests:
 * {@code <ft:Request client="..." sequence="n"/>}. A resubmission after a failure carries the same client
 * and sequence, so the service can answer it with the first execution's result instead of executing it
 * again. Sent with {@code mustUnderstand="1"}: a service that cannot tell a resubmission from a new request
 * must refuse it rather than risk running it twice.
 *
 * @param client   the client's id (1-64 of A-Z a-z 0-9 . _ -), random per client instance
 * @param sequence the request's number, from 1, in the order the client sent them
 */
public record RequestHeader(String client, long sequence) {

    public static final String NAMESPACE = "urn:gridha:fault-tolerance";
    public static final QName NAME = new QName(NAMESPACE, "Request");
    /**
     * A header that makes a request a probe: the service takes it in as far as just before the operation
     * runs and then refuses it, so a client can warm a backup's path (and its own connection to it) for the
     * moment the backup takes over, without anything being executed anywhere.
     */
    public static final QName PROBE = new QName(NAMESPACE, "Probe");
    /** In a reply from a failover group: the epoch of the primary that served it. */
    public static final QName EPOCH = new QName(NAMESPACE, "Epoch");
    private static final Pattern CLIENT = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public RequestHeader {
        if (client == null || !CLIENT.matcher(client).matches()) {
            throw new IllegalArgumentException("a client id is 1-64 of A-Z a-z 0-9 . _ -, not '" + client + "'");
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence numbers start at 1, not " + sequence);
        }
    }

    /** The id the service records the request under. */
    public String requestId() {
        return "ft:" + client + ":" + sequence;
    }

    public Element toElement(Document document) {
        Element element = document.createElementNS(NAMESPACE, "ft:Request");
        element.setAttribute("client", client);
        element.setAttribute("sequence", Long.toString(sequence));
        return element;
    }

    /**
     * @return the header an element carries, or empty if it is not a well-formed one
     */
    public static Optional<RequestHeader> fromElement(Element element) {
        if (element == null || !NAMESPACE.equals(element.getNamespaceURI())
                || !NAME.getLocalPart().equals(element.getLocalName())) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RequestHeader(element.getAttribute("client"),
                    Long.parseLong(element.getAttribute("sequence"))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
