package dev.gridha.services.dataaccess;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Plain SOAP 1.1/1.2 over the JDK's HTTP client, as a client without Axis2 would call the service. */
final class SoapClient {

    enum Version {
        SOAP11("http://schemas.xmlsoap.org/soap/envelope/", "text/xml; charset=UTF-8"),
        SOAP12("http://www.w3.org/2003/05/soap-envelope", "application/soap+xml; charset=UTF-8");

        final String namespace;
        final String contentType;

        Version(String namespace, String contentType) {
            this.namespace = namespace;
            this.contentType = contentType;
        }
    }

    static final String SERVICE_NS = "urn:gridha:dataaccess";
    private static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static String envelope(Version version, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soapenv:Envelope xmlns:soapenv=\"" + version.namespace + "\" xmlns:da=\"" + SERVICE_NS + "\">"
                + "<soapenv:Body>" + body + "</soapenv:Body></soapenv:Envelope>";
    }

    static String queryBody(String sql, int maxRows) {
        return "<da:query><da:sql>" + escape(sql) + "</da:sql><da:maxRows>" + maxRows + "</da:maxRows></da:query>";
    }

    static String leakStatusBody() {
        return "<da:leakStatus/>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    Reply post(URI endpoint, Version version, String envelope) {
        return send(endpoint, version, HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8));
    }

    /** Sends the body without a Content-Length (chunked), as a streaming client does. */
    Reply postChunked(URI endpoint, Version version, Supplier<InputStream> body) {
        return send(endpoint, version, HttpRequest.BodyPublishers.ofInputStream(body));
    }

    Reply query(URI endpoint, String sql, int maxRows) {
        return post(endpoint, Version.SOAP11, envelope(Version.SOAP11, queryBody(sql, maxRows)));
    }

    Reply leakStatus(URI endpoint) {
        return post(endpoint, Version.SOAP11, envelope(Version.SOAP11, leakStatusBody()));
    }

    HttpResponse<String> get(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Reply send(URI endpoint, Version version, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(20))
                .header("Content-Type", version.contentType).POST(body);
        if (version == Version.SOAP11) {
            request.header("SOAPAction", "\"\"");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A reply: HTTP status and the envelope, with readers for what the tests look at. */
    record Reply(int status, String body) {

        Document document() {
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            } catch (ParserConfigurationException | SAXException | IOException e) {
                throw new IllegalStateException("not an XML reply (HTTP " + status + "): " + body, e);
            }
        }

        boolean isFault() {
            return first("Fault") != null;
        }

        /** SOAP 1.1 faultcode, or SOAP 1.2 Code/Value, without its prefix. */
        String faultCode() {
            Element code = first("faultcode");
            if (code == null) {
                code = child(first("Code"), "Value");
            }
            return code == null ? null : localPart(code.getTextContent().trim());
        }

        /** SOAP 1.2 Code/Subcode/Value, without its prefix. */
        String faultSubcode() {
            Element value = child(child(first("Code"), "Subcode"), "Value");
            return value == null ? null : localPart(value.getTextContent().trim());
        }

        String faultReason() {
            Element reason = first("faultstring");
            if (reason == null) {
                reason = first("Reason");
            }
            return reason == null ? null : reason.getTextContent().trim();
        }

        /** The stable code in the fault detail, {@code <da:refusal><da:code>}. */
        String detailCode() {
            NodeList codes = document().getElementsByTagNameNS(SERVICE_NS, "code");
            return codes.getLength() == 0 ? null : codes.item(0).getTextContent().trim();
        }

        List<String> columns() {
            Element result = first("return");
            List<String> columns = new ArrayList<>();
            for (Element column : children(result, "columns")) {
                columns.add(column.getTextContent());
            }
            return columns;
        }

        /** Rows of values; {@code null} for xsi:nil (SQL NULL). */
        List<List<String>> rows() {
            List<List<String>> rows = new ArrayList<>();
            for (Element row : children(first("return"), "rows")) {
                List<String> values = new ArrayList<>();
                for (Element value : children(row, "values")) {
                    values.add("true".equals(value.getAttributeNS(XSI_NS, "nil")) ? null : value.getTextContent());
                }
                rows.add(values);
            }
            return rows;
        }

        boolean truncated() {
            return Boolean.parseBoolean(child(first("return"), "truncated").getTextContent().trim());
        }

        long number(String property) {
            return Long.parseLong(child(first("return"), property).getTextContent().trim());
        }

        private Element first(String localName) {
            NodeList nodes = document().getElementsByTagNameNS("*", localName);
            return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
        }

        private static Element child(Element parent, String localName) {
            List<Element> found = children(parent, localName);
            return found.isEmpty() ? null : found.get(0);
        }

        private static List<Element> children(Element parent, String localName) {
            List<Element> found = new ArrayList<>();
            if (parent == null) {
                return found;
            }
            for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element element && localName.equals(element.getLocalName())) {
                    found.add(element);
                }
            }
            return found;
        }

        private static String localPart(String qualified) {
            return qualified.substring(qualified.indexOf(':') + 1);
        }
    }
}
