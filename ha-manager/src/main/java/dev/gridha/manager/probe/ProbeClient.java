package dev.gridha.manager.probe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

import dev.gridha.probe.ProbeAuthenticator;
import dev.gridha.probe.ProbeReading;
import dev.gridha.probe.ProbeServer;

/**
 * Reads one container's probe agent: a signed request, a reading whose MAC must answer it, bounded in time
 * and size. One per container; thread-safe.
 */
public final class ProbeClient implements Probe {

    private final URI endpoint;
    private final ProbeAuthenticator authenticator;
    private final HttpClient http;
    private final Duration timeout;

    /** @param agent the agent's {@code http://host:port} */
    public ProbeClient(URI agent, ProbeAuthenticator authenticator, HttpClient http, Duration timeout) {
        this.endpoint = Objects.requireNonNull(agent, "agent").resolve(ProbeServer.PATH);
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public ProbeReading read() throws ProbeException, InterruptedException {
        ProbeAuthenticator.Signed signed = authenticator.sign(ProbeServer.PATH);
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(endpoint).timeout(timeout)
                    .header(ProbeAuthenticator.REQUEST_HEADER, signed.header()).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ProbeException("probe " + endpoint + " not reached: " + e, e);
        }
        byte[] body = response.body();
        if (response.statusCode() != 200) {
            String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip();
            throw new ProbeException("probe " + endpoint + " answered " + response.statusCode() + ": " + text);
        }
        try {
            authenticator.verifyReading(response.headers().firstValue(ProbeAuthenticator.READING_HEADER).orElse(null),
                    signed.nonce(), body);
            return ProbeReading.decode(body);
        } catch (SecurityException | IllegalArgumentException e) {
            throw new ProbeException("probe " + endpoint + ": " + e.getMessage(), e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }
}
