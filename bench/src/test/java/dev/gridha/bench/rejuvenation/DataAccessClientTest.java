package dev.gridha.bench.rejuvenation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

class DataAccessClientTest {

    @Test
    void aHeavierQueryAsksForItsRowsFromTheCrossJoinedTable() throws Exception {
        List<String> bodies = new ArrayList<>();
        HttpServer service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = "<queryResponse/>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        service.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + service.getAddress().getPort() + "/dataaccess");
            HttpClient http = HttpClient.newHttpClient();

            assertThat(new DataAccessClient(http, base).query()).isNull();
            assertThat(new DataAccessClient(http, base, 2500).query()).isNull();

            assertThat(bodies.get(0)).contains("WHERE id BETWEEN 1 AND 10", "<da:maxRows>10</da:maxRows>");
            assertThat(bodies.get(1)).contains("FROM machines a, machines b", "<da:maxRows>2500</da:maxRows>");
        } finally {
            service.stop(0);
        }
    }

    @Test
    void rowsOutsideTheServicesLimitAreRefused() {
        assertThatThrownBy(() -> new DataAccessClient(HttpClient.newHttpClient(), URI.create("http://h/d"), 0))
                .hasMessageContaining("1-10000 rows");
        assertThatThrownBy(() -> new DataAccessClient(HttpClient.newHttpClient(), URI.create("http://h/d"), 10_001))
                .hasMessageContaining("1-10000 rows");
    }
}
