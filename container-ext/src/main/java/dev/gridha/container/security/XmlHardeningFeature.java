package dev.gridha.container.security;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.feature.AbstractFeature;

import dev.gridha.client.wire.XmlLimits;

/**
 * Caps what one SOAP message may cost the XML parser ({@link XmlLimits}), so that a deeply nested, oversized
 * or entity-laden envelope is refused with a fault before it reaches the service or the client. CXF's StAX reader already refuses DTDs
 * (and with them external entities and entity expansion); this feature adds the limits on size and shape.
 *
 * <p>The defaults are generous for grid service calls (whose envelopes are a few kilobytes) and tight enough
 * that one request cannot take a container's heap.
 */
public final class XmlHardeningFeature extends AbstractFeature {

    private final XmlLimits limits;

    public XmlHardeningFeature(XmlLimits limits) {
        this.limits = limits;
    }

    public XmlHardeningFeature() {
        this(XmlLimits.defaults());
    }

    @Override
    public void initialize(Server server, Bus bus) {
        server.getEndpoint().putAll(limits.asEndpointProperties());
    }

    /** A container is also a client of its peers (replication): their replies get the same limits. */
    @Override
    public void initialize(Client client, Bus bus) {
        client.getEndpoint().putAll(limits.asEndpointProperties());
    }
}
