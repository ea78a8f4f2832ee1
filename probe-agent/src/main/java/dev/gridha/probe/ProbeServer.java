package dev.gridha.probe;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves readings at {@link #PATH} to whoever proves it holds the management secret (see
 * {@link ProbeAuthenticator}); anything else gets 401 or 404 and a one-line reason. One daemon thread.
 */
public final class ProbeServer implements AutoCloseable {

    public static final String PATH = "/gridha/probe";

    private final HttpServer server;

    private ProbeServer(HttpServer server) {
        this.server = server;
    }

    public static ProbeServer start(InetSocketAddress listen, ProbeAuthenticator authenticator,
                                    Supplier<ProbeReading> readings) throws IOException {
        HttpServer server = HttpServer.create(listen, 16);
        server.setExecutor(Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "gridha-probe");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", exchange -> answer(exchange, authenticator, readings));
        server.start();
        return new ProbeServer(server);
    }

    private static void answer(HttpExchange exchange, ProbeAuthenticator authenticator,
                               Supplier<ProbeReading> readings) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (!PATH.equals(path) || !"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 404, "only GET " + PATH + " is served here\n", null);
                return;
            }
            String nonce;
            try {
                nonce = authenticator.verifyRequest(exchange.getRequestHeaders().getFirst(
                        ProbeAuthenticator.REQUEST_HEADER), path);
            } catch (SecurityException refused) {
                send(exchange, 401, "refused: " + refused.getMessage() + "\n", null);
                return;
            }
            byte[] body = readings.get().encode();
            send(exchange, 200, body, authenticator.signReading(nonce, body));
        }
    }

    private static void send(HttpExchange exchange, int status, String text, String mac) throws IOException {
        send(exchange, status, text.getBytes(StandardCharsets.UTF_8), mac);
    }

    private static void send(HttpExchange exchange, int status, byte[] body, String mac) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        if (mac != null) {
            exchange.getResponseHeaders().set(ProbeAuthenticator.READING_HEADER, mac);
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
