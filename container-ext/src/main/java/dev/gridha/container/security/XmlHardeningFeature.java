package dev.gridha.container.security;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.feature.AbstractFeature;

/**
 * Caps what one SOAP message may cost the XML parser, so that a deeply nested, oversized or entity-laden
 * envelope is refused with a fault before it reaches the service. CXF's StAX reader already refuses DTDs
 * (and with them external entities and entity expansion); this feature adds the limits on size and shape.
 *
 * <p>The defaults are generous for grid service calls (whose envelopes are a few kilobytes) and tight enough
 * that one request cannot take a container's heap.
 */
public final class XmlHardeningFeature extends AbstractFeature {

    /** Limits on incoming XML; each maps to a CXF StAX reader property. */
    public record Limits(int maxElementDepth, int maxChildElements, int maxAttributeCount,
                         long maxTextLength, long maxXmlCharacters) {

        /** Depth 48, 10,000 children, 64 attributes, 256 kB of text in one node, 2 MB per message. */
        public static Limits defaults() {
            return new Limits(48, 10_000, 64, 256 * 1024, 2L * 1024 * 1024);
        }

        Map<String, Object> asEndpointProperties() {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("org.apache.cxf.stax.maxElementDepth", maxElementDepth);
            properties.put("org.apache.cxf.stax.maxChildElements", maxChildElements);
            properties.put("org.apache.cxf.stax.maxAttributeCount", maxAttributeCount);
            properties.put("org.apache.cxf.stax.maxTextLength", maxTextLength);
            properties.put("org.apache.cxf.stax.maxXMLCharacters", maxXmlCharacters);
            return properties;
        }
    }

    private final Limits limits;

    public XmlHardeningFeature(Limits limits) {
        this.limits = limits;
    }

    public XmlHardeningFeature() {
        this(Limits.defaults());
    }

    @Override
    public void initialize(Server server, Bus bus) {
        server.getEndpoint().putAll(limits.asEndpointProperties());
    }
}
