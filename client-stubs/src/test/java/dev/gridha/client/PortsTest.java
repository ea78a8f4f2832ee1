package dev.gridha.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.WebServiceException;

import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.interceptor.MessageSenderInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transport.http.HttpClientHTTPConduit;
import org.apache.cxf.transport.http.URLConnectionHTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.gridha.contracts.counter.CounterPortType;
import dev.gridha.contracts.counter.CounterService;
import dev.gridha.contracts.counter.CreateCounter;

/**
 * What {@link Ports#configure} does to a port, checked without a network call.
 *
 * <p>In CXF 4.1 the conduit object is an {@link HttpClientHTTPConduit} whatever the options (it extends
 * {@link URLConnectionHTTPConduit}); {@code force.urlconnection.http.conduit} is read per message when the
 * connection is set up, and a message sent through java.net.URLConnection is marked
 * {@code USING_URLCONNECTION}. So the transport is checked on an outgoing message: an interceptor placed
 * right after the conduit has prepared the connection records the message and stops the call before
 * anything is written (URLConnection does not connect until the body is written).
 */
class PortsTest {

    private static final String ADDRESS = "http://127.0.0.1:1/x";
    private static final String WSDL_ADDRESS = "http://localhost:8080/counter/services/counter";
    /** The message key HttpClientHTTPConduit sets when it hands a message to the URLConnection code. */
    private static final String USING_URLCONNECTION = "USING_URLCONNECTION";

    private Client client;

    /** Builds CXF's bus and the Counter WSDL model once, so that cost is not charged to the first test. */
    @BeforeAll
    static void warmUp() {
        ClientProxy.getClient(new CounterService().getCounterPort()).destroy();
    }

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.destroy();
        }
    }

    private CounterPortType configuredPort(ClientOptions options) {
        CounterPortType port = Ports.configure(new CounterService().getCounterPort(), options, ADDRESS);
        client = ClientProxy.getClient(port);
        return port;
    }

    private HTTPConduit conduit() {
        return (HTTPConduit) client.getConduit();
    }

    /** Invokes an operation up to the point where the connection is prepared, and returns that message. */
    private Message preparedMessage(CounterPortType port) {
        Map<String, Message> seen = new ConcurrentHashMap<>();
        client.getOutInterceptors().add(new AbstractPhaseInterceptor<Message>(Phase.PREPARE_SEND) {
            {
                addAfter(MessageSenderInterceptor.class.getName());
            }

            @Override
            public void handleMessage(Message message) {
                seen.put("message", message);
                throw new Fault(new StoppedBeforeSending());
            }
        });
        assertThatExceptionOfType(WebServiceException.class)
                .isThrownBy(() -> port.createCounter(new CreateCounter()))
                .withRootCauseInstanceOf(StoppedBeforeSending.class);
        return seen.get("message");
    }

    private static final class StoppedBeforeSending extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoppedBeforeSending() {
            super("stopped by the test before the request was written");
        }
    }

    @Test
    void defaultsSendThroughTheUrlConnectionTransport() {
        CounterPortType port = configuredPort(ClientOptions.defaults());

        assertThat(client.getConduit()).isInstanceOf(URLConnectionHTTPConduit.class);
        assertThat(preparedMessage(port).get(USING_URLCONNECTION)).isEqualTo(Boolean.TRUE);
    }

    @Test
    void defaultsUseTheUrlConnectionTransportOnOtherThreadsToo() throws Exception {
        // configure() switches the port to per-thread request contexts; a new thread's context must still
        // carry the transport choice.
        CounterPortType port = configuredPort(ClientOptions.defaults());
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Message message = other.submit(() -> preparedMessage(port)).get(5, TimeUnit.SECONDS);
            assertThat(message.get(USING_URLCONNECTION)).isEqualTo(Boolean.TRUE);
            assertThat(message.get(Message.ENDPOINT_ADDRESS)).isEqualTo(ADDRESS);
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void cxfDefaultsSendThroughJavaNetHttpClient() {
        CounterPortType port = configuredPort(ClientOptions.cxfDefaults());

        assertThat(client.getConduit()).isExactlyInstanceOf(HttpClientHTTPConduit.class);
        assertThat(preparedMessage(port).get(USING_URLCONNECTION)).isNotEqualTo(Boolean.TRUE);
    }

    @Test
    void defaultsTurnChunkingOffAndSetTheTimeouts() {
        configuredPort(ClientOptions.defaults());

        HTTPClientPolicy policy = conduit().getClient();
        assertThat(policy.isAllowChunking()).isFalse();
        assertThat(policy.getReceiveTimeout()).isEqualTo(30_000);
        assertThat(policy.getConnectionTimeout()).isEqualTo(5_000);
    }

    @Test
    void cxfDefaultsKeepChunkingOn() {
        configuredPort(ClientOptions.cxfDefaults());
        assertThat(conduit().getClient().isAllowChunking()).isTrue();
    }

    @Test
    void receiveTimeoutFollowsTheOptions() {
        configuredPort(ClientOptions.defaults().withReceiveTimeout(java.time.Duration.ofMillis(1234)));
        assertThat(conduit().getClient().getReceiveTimeout()).isEqualTo(1234);
    }

    @Test
    void endpointAddressIsTheOneGiven() {
        CounterPortType port = configuredPort(ClientOptions.defaults());

        assertThat(((BindingProvider) port).getRequestContext().get(BindingProvider.ENDPOINT_ADDRESS_PROPERTY))
                .isEqualTo(ADDRESS);
        assertThat(client.getEndpoint().getEndpointInfo().getAddress()).isEqualTo(ADDRESS);
        assertThat(conduit().getAddress()).isEqualTo(ADDRESS);
        assertThat(preparedMessage(port).get(Message.ENDPOINT_ADDRESS)).isEqualTo(ADDRESS);
    }

    @Test
    void nullAddressKeepsTheWsdlAddress() {
        CounterPortType port = Ports.configure(new CounterService().getCounterPort(), ClientOptions.defaults(), null);
        client = ClientProxy.getClient(port);

        assertThat(client.getEndpoint().getEndpointInfo().getAddress()).isEqualTo(WSDL_ADDRESS);
    }

    /**
     * Regression: configure() set the address with EndpointInfo.setAddress(String), which writes into an
     * endpoint reference CXF shares with ports it creates later from the same WSDL, so every later port in
     * the JVM defaulted to the last address configured instead of the WSDL's.
     */
    @Test
    void configuringAnAddressDoesNotChangeTheDefaultAddressOfLaterPorts() {
        CounterPortType first = configuredPort(ClientOptions.defaults());
        CounterPortType later = new CounterService().getCounterPort();
        Client laterClient = ClientProxy.getClient(later);
        try {
            assertThat(laterClient.getEndpoint().getEndpointInfo().getAddress()).isEqualTo(WSDL_ADDRESS);
            assertThat(ClientProxy.getClient(first).getEndpoint().getEndpointInfo().getAddress()).isEqualTo(ADDRESS);
        } finally {
            laterClient.destroy();
        }
    }

    @Test
    void portsConfiguredWithDifferentAddressesKeepTheirOwn() {
        CounterPortType first = configuredPort(ClientOptions.defaults());
        CounterPortType second = Ports.configure(new CounterService().getCounterPort(), ClientOptions.defaults(),
                "http://127.0.0.1:2/y");
        Client secondClient = ClientProxy.getClient(second);
        try {
            assertThat(ClientProxy.getClient(first).getEndpoint().getEndpointInfo().getAddress()).isEqualTo(ADDRESS);
            assertThat(secondClient.getEndpoint().getEndpointInfo().getAddress()).isEqualTo("http://127.0.0.1:2/y");
            assertThat(preparedMessage(first).get(Message.ENDPOINT_ADDRESS)).isEqualTo(ADDRESS);
        } finally {
            secondClient.destroy();
        }
    }
}
