package dev.gridha.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A service that answers with a hostile reply: the typed client refuses to parse it under the same caps a
 * container applies to requests, instead of spending its heap on it.
 */
class HostileReplyTest {

    private HttpServer service;
    private volatile String reply;

    @BeforeEach
    void start() throws IOException {
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/counter", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = reply.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=UTF-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        service.start();
    }

    @AfterEach
    void stop() {
        service.stop(0);
    }

    private CounterClient client() {
        return new CounterClient(URI.create("http://127.0.0.1:" + service.getAddress().getPort() + "/counter"));
    }

    private static String envelope(String body) {
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" + body
                + "</soap:Body></soap:Envelope>";
    }

    @Test
    void aReplyNestedDeeperThanTheCapIsRefused() {
        // reference parameters are open content, so the client would read all the way down without the cap
        reply = envelope("<c:CreateCounterResponse xmlns:c=\"http://gridha.dev/counter\">"
                + "<wsa:EndpointReference xmlns:wsa=\"http://www.w3.org/2005/08/addressing\">"
                + "<wsa:Address>http://127.0.0.1:1/counter</wsa:Address><wsa:ReferenceParameters>"
                + "<a>".repeat(60) + "</a>".repeat(60)
                + "</wsa:ReferenceParameters></wsa:EndpointReference></c:CreateCounterResponse>");
        assertThatThrownBy(() -> client().create(1)).hasStackTraceContaining("Maximum Element Depth");
    }

    @Test
    void aReplyWithADoctypeIsRefused() {
        reply = "<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY lol \"lol\">]>" + envelope("<a>&lol;</a>");
        assertThatThrownBy(() -> client().create(1)).hasStackTraceContaining("DTD");
    }
}
