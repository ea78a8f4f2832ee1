package dev.gridha.container.replication.soap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * SOAP on the wire for what the real clients never send: a sink that records the signed messages a client
 * writes (and answers 500, so nothing is acknowledged), and a raw POST to replay or alter them.
 */
public final class RawSoap implements AutoCloseable {

    private final HttpServer sink;
    private final List<String> captured = new CopyOnWriteArrayList<>();

    private RawSoap(HttpServer sink) {
        this.sink = sink;
    }

    public static RawSoap sink() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            RawSoap raw = new RawSoap(server);
            server.createContext("/", exchange -> {
                raw.captured.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
            });
            server.start();
            return raw;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String address() {
        return "http://127.0.0.1:" + sink.getAddress().getPort() + "/sink";
    }

    public List<String> captured() {
        return captured;
    }

    /** Posts {@code envelope} as a SOAP 1.1 request; returns the status and body. */
    public static HttpResponse<String> post(String address, String envelope, String soapAction) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(address))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"" + soapAction + "\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8))
                .build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        sink.stop(0);
    }
}
