package dev.gridha.manager.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.gridha.probe.JvmReadings;
import dev.gridha.probe.ProbeAuthenticator;
import dev.gridha.probe.ProbeReading;
import dev.gridha.probe.ProbeServer;

/** The manager reading a real probe agent endpoint, and refusing what it cannot trust. */
class ProbeClientTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final ProbeAuthenticator authenticator = new ProbeAuthenticator(SECRET, System::currentTimeMillis);
    private final HttpClient http = HttpClient.newHttpClient();
    private ProbeServer agent;
    private HttpServer impostor;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        if (impostor != null) {
            impostor.stop(0);
        }
    }

    @Test
    void readsTheContainersHeapThreadsAndFiles() throws Exception {
        agent = ProbeServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), authenticator,
                JvmReadings::now);

        ProbeReading reading = client(agent.port(), authenticator).read();

        assertThat(reading.heapMax()).isPositive();
        assertThat(reading.threads()).isPositive();
    }

    @Test
    void anAgentWithAnotherSecretAnImpostorAndNoAgentAreClearErrors() throws Exception {
        agent = ProbeServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), new ProbeAuthenticator(
                "another secret of thirty-two bytes!!".getBytes(StandardCharsets.US_ASCII), System::currentTimeMillis),
                JvmReadings::now);
        assertThatThrownBy(() -> client(agent.port(), authenticator).read()).isInstanceOf(ProbeException.class)
                .hasMessageContaining("answered 401: refused: request MAC does not verify");

        // something answering a plausible reading without the secret: the manager must not act on it
        impostor = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        impostor.setExecutor(Executors.newSingleThreadExecutor());
        byte[] fake = new ProbeReading(0, 1000, 1000, 1000, 0, 0, 1, 1, 0, 0).encode();
        impostor.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, fake.length);
            exchange.getResponseBody().write(fake);
            exchange.close();
        });
        impostor.start();
        assertThatThrownBy(() -> client(impostor.getAddress().getPort(), authenticator).read())
                .isInstanceOf(ProbeException.class).hasMessageContaining("MAC is missing or does not verify");

        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        assertThatThrownBy(() -> client(closed, authenticator).read()).isInstanceOf(ProbeException.class)
                .hasMessageContaining("not reached");
    }

    private ProbeClient client(int port, ProbeAuthenticator signer) {
        return new ProbeClient(URI.create("http://127.0.0.1:" + port), signer, http, Duration.ofSeconds(5));
    }
}
