package dev.gridha.manager.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatusServerTest {

    /** The containers the operator asked to rejuvenate. */
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final StatusServer server = StatusServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            () -> "<table id=\"containers\"></table>", () -> "gridha_up 1\n", container -> {
                switch (container) {
                    case "c1" -> asked.add(container);
                    case "c2" -> throw new IllegalStateException("c2 is not serving");
                    default -> throw new IllegalArgumentException("no container " + container);
                }
                return "rejuvenation of " + container + " started";
            });
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

    @Test
    void theOperatorsAddressCarriesTheTokenItsActionNeeds() throws Exception {
        String token = server.operatorAddress().getQuery().substring("token=".length());
        assertThat(token).hasSizeGreaterThanOrEqualTo(32);

        HttpResponse<String> done = act("c1", token);
        assertThat(done.statusCode()).isEqualTo(202);
        assertThat(done.body()).isEqualTo("rejuvenation of c1 started");
        assertThat(asked).containsExactly("c1");
    }

    @Test
    void anActionWithoutTheTokenOrWithAnotherIsRefusedAndNothingHappens() throws Exception {
        assertThat(act("c1", null).statusCode()).isEqualTo(403);
        HttpResponse<String> forged = act("c1", "A".repeat(32));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("token");
        assertThat(get("actions/rejuvenate?container=c1", "GET").statusCode()).isEqualTo(405);
        assertThat(asked).isEmpty();
    }

    @Test
    void anActionOnNoContainerAnUnknownOneOrOneThatCannotBeRejuvenatedSaysWhy() throws Exception {
        String token = server.operatorAddress().getQuery().substring("token=".length());
        assertThat(act("", token).statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = act("c9", token);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("no container c9");
        HttpResponse<String> standby = act("c2", token);
        assertThat(standby.statusCode()).isEqualTo(409);
        assertThat(standby.body()).isEqualTo("c2 is not serving");
        assertThat(asked).isEmpty();
        assertThat(get("status", "GET").statusCode()).isEqualTo(200);
    }

    @Test
    void aReadOnlyPageRefusesTheAction() throws Exception {
        try (StatusServer readOnly = StatusServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                () -> "", () -> "")) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(readOnly.address().resolve(
                    "actions/rejuvenate?container=c1")).header(StatusServer.TOKEN_HEADER, readOnly.operatorAddress()
                    .getQuery().substring("token=".length())).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(409);
            assertThat(answer.body()).contains("read-only");
        }
    }

    private HttpResponse<String> act(String container, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.address().resolve("actions/rejuvenate?container="
                + container)).POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header(StatusServer.TOKEN_HEADER, token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String method) throws Exception {
        return client.send(HttpRequest.newBuilder(server.address().resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
