package dev.gridha.container.exactlyonce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.cxf.binding.soap.Soap11;
import org.apache.cxf.binding.soap.SoapHeader;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.helpers.DOMUtils;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.MessageImpl;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import dev.gridha.client.faulttolerance.RequestHeader;

class RequestHeaderInterceptorTest {

    private final RequestHeaderInterceptor interceptor = new RequestHeaderInterceptor();

    private static SoapMessage withHeader(Map<String, String> attributes) {
        SoapMessage message = new SoapMessage(new MessageImpl());
        message.setVersion(Soap11.getInstance());
        if (attributes != null) {
            Element header = DOMUtils.createDocument().createElementNS(RequestHeader.NAMESPACE, "ft:Request");
            attributes.forEach(header::setAttribute);
            message.getHeaders().add(new SoapHeader(RequestHeader.NAME, header));
        }
        return message;
    }

    @Test
    void aNumberedRequestIsHandedOnAndTheHeaderIsUnderstood() {
        SoapMessage message = withHeader(Map.of("client", "c-1", "sequence", "42"));
        interceptor.handleMessage(message);

        assertThat(message.get(RequestHeader.class)).isEqualTo(new RequestHeader("c-1", 42));
        assertThat(interceptor.getUnderstoodHeaders()).containsExactlyInAnyOrder(RequestHeader.NAME, RequestHeader.PROBE);
    }

    @Test
    void aRequestWithoutTheHeaderIsLeftAlone() {
        SoapMessage message = withHeader(null);
        interceptor.handleMessage(message);
        assertThat(message.get(RequestHeader.class)).isNull();
    }

    @Test
    void aMalformedHeaderIsRefusedAsTheClientsFault() {
        for (Map<String, String> malformed : java.util.List.of(Map.of("client", "c-1"),
                Map.of("client", "c-1", "sequence", "0"), Map.of("client", "a b", "sequence", "1"),
                Map.of("client", "c", "sequence", "99999999999999999999"), Map.of("sequence", "3"))) {
            SoapMessage message = withHeader(malformed);
            assertThatThrownBy(() -> interceptor.handleMessage(message)).as(malformed.toString())
                    .isInstanceOfSatisfying(Fault.class, fault -> {
                        assertThat(fault.getFaultCode()).isEqualTo(Soap11.getInstance().getSender());
                        assertThat(fault).hasMessageContaining("header needs client");
                    });
            assertThat(message.get(RequestHeader.class)).isNull();
        }
    }

    @Test
    void aProbeIsTakenInAndRefusedJustBeforeTheOperation() {
        SoapMessage probe = withHeader(null);
        probe.getHeaders().add(new SoapHeader(RequestHeader.PROBE,
                DOMUtils.createDocument().createElementNS(RequestHeader.NAMESPACE, "ft:Probe")));
        interceptor.handleMessage(probe);
        assertThat(interceptor.getUnderstoodHeaders()).contains(RequestHeader.PROBE);
        assertThatThrownBy(() -> new ProbeRefusalInterceptor().handleMessage(probe)).isInstanceOf(Fault.class)
                .hasMessageContaining("never executed");

        SoapMessage ordinary = withHeader(Map.of("client", "c-1", "sequence", "1"));
        interceptor.handleMessage(ordinary);
        new ProbeRefusalInterceptor().handleMessage(ordinary); // passes
    }
}
