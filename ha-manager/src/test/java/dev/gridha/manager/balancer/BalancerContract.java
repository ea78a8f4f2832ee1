package dev.gridha.manager.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/**
 * What every {@link Balancer} must do, in front of real HTTP servers on loopback; each implementation's test
 * extends it with how to start one.
 */
abstract class BalancerContract {

    private final Balancer balancer = start();

    /** A started balancer, listening on loopback. */
    abstract Balancer start();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<HttpServer> servers = new ArrayList<>();
    /** Released to let the slow path of a container answer. */
    private final CountDownLatch slowAnswers = new CountDownLatch(1);

    @Test
    void badNamesAndUnknownContainersAreRefused() {
        assertThatThrownBy(() -> balancer.activate("nobody")).hasMessageContaining("no backend named nobody");
        assertThatThrownBy(() -> balancer.add("a", URI.create("127.0.0.1"))).isInstanceOf(IllegalArgumentException.class);
    }

    @AfterEach
    void stop() {
        slowAnswers.countDown();
        servers.forEach(server -> server.stop(0));
        balancer.close();
    }

    @Test
    void requestsGoToTheActiveContainerWithTheirPathQueryAndBody() throws Exception {
        balancer.add("a", container("a"));
        balancer.add("b", container("b"));
        balancer.activate("a");

        HttpResponse<String> response = post("/counter/services/counter?x=1", "<add/>");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("a POST /counter/services/counter?x=1 <add/>");
        assertThat(post("/p", "").body()).startsWith("a "); // b is a standby: it gets nothing
        await().atMost(Duration.ofSeconds(5)).until(() -> balancer.backends().get(0).served() == 2);
        assertThat(balancer.backends().get(1).served()).isZero();
        // each balancer reports its own view of the recent traffic (HAProxy's in whole milliseconds)
        assertThat(balancer.backends().get(0).latencyMillis()).isNotNaN().isGreaterThanOrEqualTo(0);
        assertThat(balancer.backends().get(1).requestsPerSecond()).isZero();
    }

    @Test
    void aSwitchSendsNewRequestsToTheStandbyWhileTheDrainedContainerFinishesItsRequestInFlight() throws Exception {
        balancer.add("old", container("old"));
        balancer.add("new", container("new"));
        balancer.activate("old");
        CompletableFuture<HttpResponse<String>> slow = client.sendAsync(request("/slow", "work"),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(5)).until(() -> balancer.inFlight("old") == 1);

        balancer.activate("new");
        balancer.drain("old");

        assertThat(post("/fast", "").body()).startsWith("new ");
        assertThat(balancer.inFlight("old")).as("the slow request is still running there").isEqualTo(1);
        slowAnswers.countDown();
        assertThat(slow.get(5, TimeUnit.SECONDS).body()).isEqualTo("old POST /slow work");
        await().atMost(Duration.ofSeconds(5)).until(() -> balancer.inFlight("old") == 0);
        assertThat(balancer.backends()).extracting(BackendStatus::failed).containsOnly(0L);
    }

    @Test
    void withNoActiveContainerARequestIsRefusedAt503() throws Exception {
        balancer.add("a", container("a"));

        HttpResponse<String> response = post("/p", "");

        assertThat(response.statusCode()).isEqualTo(503);
        refusedWhenNothingServes(response);
    }

    /** More an implementation says when nothing serves. */
    void refusedWhenNothingServes(HttpResponse<String> response) {
    }

    @Test
    void aDeadContainerIsAServerErrorCountedAsFailedAndTheBalancerCarriesOn() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        balancer.add("dead", URI.create("http://127.0.0.1:" + closedPort));
        balancer.add("live", container("live"));
        balancer.activate("dead");

        // the embedded proxy answers 502 at once, HAProxy 503 after its connection retries
        assertThat(post("/p", "").statusCode()).isIn(502, 503);
        // the count is given back once the answer is written, which the client may see a moment earlier
        await().atMost(Duration.ofSeconds(5)).until(() -> balancer.inFlight("dead") == 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> balancer.backends().get(0).failed() >= 1);

        balancer.down("dead");
        balancer.activate("live");
        assertThat(post("/p", "").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return client.send(request(path, body), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpRequest request(String path, String body) {
        return HttpRequest.newBuilder(balancer.front().resolve(path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** A container that answers with its name, method, path and body; "/slow" waits for the test. */
    private URI container(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (exchange.getRequestURI().getPath().equals("/slow")) {
                try {
                    slowAnswers.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] answer = (name + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + body)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }
}
