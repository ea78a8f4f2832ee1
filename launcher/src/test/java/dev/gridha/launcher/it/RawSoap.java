package dev.gridha.launcher.it;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * SOAP over plain HTTP with no generated code: what a grid client in another language would send. Used to
 * pin the wire contract and to send the malformed and hostile messages the stubs would never produce.
 */
final class RawSoap {

    static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String WSA_NS = "http://www.w3.org/2005/08/addressing";
    static final String COUNTER_NS = "http://gridha.dev/counter";
    static final String MATCHMAKER_NS = "http://gridha.dev/matchmaker";
    static final String RP_NS = "http://docs.oasis-open.org/wsrf/rp-2";
    static final String RL_NS = "http://docs.oasis-open.org/wsrf/rl-2";
    static final String BF_NS = "http://docs.oasis-open.org/wsrf/bf-2";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private RawSoap() {
    }

    /** A response: HTTP status, the body, and the body parsed (null if it is not XML). */
    record Reply(int status, String body, Document document) {

        boolean isFault() {
            return document != null && first(SOAP_NS, "Fault") != null;
        }

        /** The fault code's local part, such as {@code Client}. */
        String faultCodeLocalPart() {
            String code = text("", "faultcode");
            return code == null ? null : code.substring(code.indexOf(':') + 1);
        }

        /** The namespace the fault code's prefix is bound to. */
        String faultCodeNamespace() {
            Element code = first("", "faultcode");
            if (code == null) {
                return null;
            }
            String text = code.getTextContent().strip();
            int colon = text.indexOf(':');
            return code.lookupNamespaceURI(colon < 0 ? null : text.substring(0, colon));
        }

        String faultString() {
            return text("", "faultstring");
        }

        Element first(String ns, String localName) {
            NodeList nodes = ns.isEmpty()
                    ? document.getElementsByTagName(localName)
                    : document.getElementsByTagNameNS(ns, localName);
            return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
        }

        String text(String ns, String localName) {
            Element element = first(ns, localName);
            return element == null ? null : element.getTextContent().strip();
        }
    }

    static Reply post(URI endpoint, String soapAction, String envelope) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"" + soapAction + "\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), parse(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException("POST to " + endpoint + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An envelope with the WS-Addressing headers a compliant client sends, plus any extra headers. */
    static String envelope(URI to, String action, String extraHeaders, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soap:Envelope xmlns:soap=\"" + SOAP_NS + "\" xmlns:wsa=\"" + WSA_NS + "\">"
                + "<soap:Header>"
                + "<wsa:Action>" + action + "</wsa:Action>"
                + "<wsa:To>" + to + "</wsa:To>"
                + "<wsa:MessageID>urn:uuid:" + UUID.randomUUID() + "</wsa:MessageID>"
                + "<wsa:ReplyTo><wsa:Address>" + WSA_NS + "/anonymous</wsa:Address></wsa:ReplyTo>"
                + extraHeaders
                + "</soap:Header>"
                + "<soap:Body>" + body + "</soap:Body>"
                + "</soap:Envelope>";
    }

    /** The reference-parameter header for a counter, marked as WS-Addressing requires. */
    static String counterKeyHeader(String key) {
        return "<c:CounterKey xmlns:c=\"" + COUNTER_NS + "\" wsa:IsReferenceParameter=\"true\">" + key
                + "</c:CounterKey>";
    }

    /** Creates a counter through raw SOAP and returns its key, read from the EPR's reference parameters. */
    static String createCounter(URI endpoint, int initialValue) {
        String action = COUNTER_NS + "/CreateCounter";
        Reply reply = post(endpoint, action, envelope(endpoint, action, "",
                "<c:CreateCounter xmlns:c=\"" + COUNTER_NS + "\"><c:InitialValue>" + initialValue
                        + "</c:InitialValue></c:CreateCounter>"));
        if (reply.status() != 200 || reply.isFault()) {
            throw new IllegalStateException("CreateCounter failed: " + reply.body());
        }
        return reply.text(COUNTER_NS, "CounterKey");
    }

    static Reply add(URI endpoint, String key, String amount) {
        String action = COUNTER_NS + "/Add";
        return post(endpoint, action, envelope(endpoint, action, counterKeyHeader(key),
                "<c:Add xmlns:c=\"" + COUNTER_NS + "\"><c:Amount>" + amount + "</c:Amount></c:Add>"));
    }

    static Reply getValue(URI endpoint, String key) {
        String action = "http://docs.oasis-open.org/wsrf/rpw-2/GetResourceProperty/GetResourcePropertyRequest";
        return post(endpoint, action, envelope(endpoint, action, counterKeyHeader(key),
                "<wsrf-rp:GetResourceProperty xmlns:wsrf-rp=\"" + RP_NS + "\" xmlns:c=\"" + COUNTER_NS
                        + "\">c:Value</wsrf-rp:GetResourceProperty>"));
    }

    /** The counter's value through raw GetResourceProperty. */
    static int value(URI endpoint, String key) {
        Reply reply = getValue(endpoint, key);
        if (reply.isFault()) {
            throw new IllegalStateException("GetResourceProperty failed: " + reply.body());
        }
        return Integer.parseInt(reply.text(COUNTER_NS, "Value"));
    }

    private static Document parse(String body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception notXml) {
            return null;
        }
    }
}
