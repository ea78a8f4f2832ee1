package dev.gridha.client.wire;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Caps on what one SOAP message may cost the XML parser, for containers and clients alike: a deeply
 * nested, oversized or wide envelope is refused before it is bound. CXF's StAX reader already refuses DTDs
 * (and with them external entities and entity expansion); these add the limits on size and shape.
 *
 * @param maxElementDepth   deepest element nesting
 * @param maxChildElements  most children of one element
 * @param maxAttributeCount most attributes on one element
 * @param maxTextLength     longest text in one node
 * @param maxXmlCharacters  most characters in one message
 */
public record XmlLimits(int maxElementDepth, int maxChildElements, int maxAttributeCount, long maxTextLength,
                        long maxXmlCharacters) {

    /** Depth 48, 10,000 children, 64 attributes, 256 kB of text in one node, 2 MB per message. */
    public static XmlLimits defaults() {
        return new XmlLimits(48, 10_000, 64, 256 * 1024, 2L * 1024 * 1024);
    }

    /** The CXF StAX reader properties, to put on a server's or a client's endpoint. */
    public Map<String, Object> asEndpointProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("org.apache.cxf.stax.maxElementDepth", maxElementDepth);
        properties.put("org.apache.cxf.stax.maxChildElements", maxChildElements);
        properties.put("org.apache.cxf.stax.maxAttributeCount", maxAttributeCount);
        properties.put("org.apache.cxf.stax.maxTextLength", maxTextLength);
        properties.put("org.apache.cxf.stax.maxXMLCharacters", maxXmlCharacters);
        return properties;
    }
}
