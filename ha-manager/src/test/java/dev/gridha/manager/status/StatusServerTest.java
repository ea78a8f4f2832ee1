package dev.gridha.manager.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatusServerTest {

    private final StatusServer server = StatusServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            () -> "<table id=\"containers\"></table>", () -> "gridha_up 1\n");
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void servesThePageItsLiveFragmentAndTheMetrics() throws Exception {
        HttpResponse<String> page = get("", "GET");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<div id=\"status\"><table id=\"containers\"></table></div>",
                "fetch('status'");

        assertThat(get("status", "GET").body()).isEqualTo("<table id=\"containers\"></table>");
        HttpResponse<String> metrics = get("metrics", "GET");
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("text/plain; version=0.0.4"));
        assertThat(metrics.body()).isEqualTo("gridha_up 1\n");
    }

    @Test
    void otherPathsAndMethodsAreRefusedAndThePageCarriesOn() throws Exception {
        assertThat(get("admin", "GET").statusCode()).isEqualTo(404);
        assertThat(get("status", "POST").statusCode()).isEqualTo(405);
        assertThat(get("status", "GET").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path, String method) throws Exception {
        return client.send(HttpRequest.newBuilder(server.address().resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
