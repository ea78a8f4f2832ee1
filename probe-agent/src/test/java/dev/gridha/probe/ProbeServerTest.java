package dev.gridha.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent's endpoint over real HTTP on loopback, serving this test JVM's own readings. */
class ProbeServerTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final ProbeAuthenticator authenticator = new ProbeAuthenticator(SECRET, System::currentTimeMillis);
    private final ProbeServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    ProbeServerTest() throws Exception {
        server = ProbeServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), authenticator,
                JvmReadings::now);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theManagerGetsASignedReadingOfTheJvm() throws Exception {
        ProbeAuthenticator.Signed signed = authenticator.sign(ProbeServer.PATH);

        HttpResponse<byte[]> response = get(ProbeServer.PATH, signed.header());

        assertThat(response.statusCode()).isEqualTo(200);
        authenticator.verifyReading(response.headers().firstValue(ProbeAuthenticator.READING_HEADER).orElse(null),
                signed.nonce(), response.body());
        ProbeReading reading = ProbeReading.decode(response.body());
        assertThat(reading.heapUsed()).isPositive();
        assertThat(reading.heapMax()).isGreaterThanOrEqualTo(reading.heapUsed());
        assertThat(reading.threads()).isPositive();
        assertThat(reading.openFiles()).isPositive(); // Linux tells
        System.gc();
        ProbeReading afterCollection = JvmReadings.now();
        assertThat(afterCollection.heapUsedAfterGc()).as("what survived the collection just made")
                .isBetween(1L, afterCollection.heapMax());
    }

    @Test
    void unauthenticatedOrMisdirectedRequestsAreRefusedAndTheAgentCarriesOn() throws Exception {
        HttpResponse<byte[]> anonymous = get(ProbeServer.PATH, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(new String(anonymous.body(), StandardCharsets.UTF_8)).startsWith("refused: no X-Gridha-Probe header");
        assertThat(anonymous.headers().firstValue(ProbeAuthenticator.READING_HEADER)).isEmpty();

        assertThat(get("/elsewhere", authenticator.sign("/elsewhere").header()).statusCode()).isEqualTo(404);
        ProbeAuthenticator.Signed signed = authenticator.sign(ProbeServer.PATH);
        assertThat(get(ProbeServer.PATH, signed.header()).statusCode()).isEqualTo(200);
        assertThat(get(ProbeServer.PATH, signed.header()).statusCode()).as("replayed").isEqualTo(401);
        assertThat(get(ProbeServer.PATH, authenticator.sign(ProbeServer.PATH).header()).statusCode()).isEqualTo(200);
    }

    @Test
    void badAgentArgumentsSayWhich() {
        assertThatThrownBy(() -> ProbeAgent.parse("")).hasMessageContaining("port=N");
        assertThatThrownBy(() -> ProbeAgent.parse("port=1,colour=red")).hasMessageContaining("'colour=red'");
        assertThatThrownBy(() -> ProbeAgent.premain("port=x", null)).hasMessageContaining("not a port number");
    }

    private HttpResponse<byte[]> get(String path, String header) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (header != null) {
            request.header(ProbeAuthenticator.REQUEST_HEADER, header);
        }
        return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
