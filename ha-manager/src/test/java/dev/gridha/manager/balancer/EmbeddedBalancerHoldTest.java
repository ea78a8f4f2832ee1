package dev.gridha.manager.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** The embedded balancer's hold: a request that finds nothing active waits for a container, then is refused. */
class EmbeddedBalancerHoldTest {

    private final EmbeddedBalancer balancer = EmbeddedBalancer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Duration.ofMillis(700));
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer container;

    @AfterEach
    void stop() {
        if (container != null) {
            container.stop(0);
        }
        balancer.close();
    }

    @Test
    void aRequestArrivingDuringAHandoverIsAnsweredByTheContainerActivatedWhileItWaits() throws Exception {
        balancer.add("next", container());
        CompletableFuture<HttpResponse<String>> held = client.sendAsync(get(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(150);
        assertThat(held).as("nothing is active: the request waits").isNotDone();

        balancer.activate("next");

        HttpResponse<String> response = held.get(5, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("next");
    }

    @Test
    void aRequestThatWaitsLongerThanTheHoldIsRefusedAt503() throws Exception {
        balancer.add("next", container());

        long started = System.nanoTime();
        HttpResponse<String> response = client.send(get(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(650));
    }

    @Test
    void aNegativeHoldIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmbeddedBalancer.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Duration.ofSeconds(-1)))
                .hasMessageContaining("cannot be negative");
    }

    private HttpRequest get() {
        return HttpRequest.newBuilder(balancer.front().resolve("/x")).timeout(Duration.ofSeconds(10)).GET().build();
    }

    private URI container() throws Exception {
        container = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        container.createContext("/", exchange -> {
            byte[] answer = "next".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        container.start();
        return URI.create("http://127.0.0.1:" + container.getAddress().getPort());
    }
}
