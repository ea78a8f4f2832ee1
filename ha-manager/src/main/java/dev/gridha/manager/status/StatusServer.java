package dev.gridha.manager.status;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.function.Supplier;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Serves the operator's page ({@code /}), its live fragment ({@code /status}) and Prometheus metrics
 * ({@code /metrics}). Read-only; it listens on loopback unless told otherwise.
 */
public final class StatusServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;

    private StatusServer(InetSocketAddress listen, Supplier<String> fragment, Supplier<String> metrics) {
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("gridha-status");
        threads.setDaemon(true);
        server = new Server(threads);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost(listen.getHostString());
        connector.setPort(listen.getPort());
        server.addConnector(connector);
        server.setHandler(new Pages(fragment, metrics));
    }

    /**
     * @param fragment the page's tables as they are now
     * @param metrics  the Prometheus text exposition as it is now
     * @throws IllegalStateException if it cannot listen on {@code listen}
     */
    public static StatusServer start(InetSocketAddress listen, Supplier<String> fragment, Supplier<String> metrics) {
        StatusServer status = new StatusServer(Objects.requireNonNull(listen, "listen"), fragment, metrics);
        try {
            status.server.start();
            return status;
        } catch (Exception e) {
            status.close();
            throw new IllegalStateException("the status page cannot listen on " + listen + ": " + e.getMessage(), e);
        }
    }

    private static final class Pages extends Handler.Abstract.NonBlocking {
        private final Supplier<String> fragment;
        private final Supplier<String> metrics;

        Pages(Supplier<String> fragment, Supplier<String> metrics) {
            this.fragment = fragment;
            this.metrics = metrics;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
                Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
                return true;
            }
            switch (Request.getPathInContext(request)) {
                case "/" -> send(response, callback, "text/html; charset=utf-8", StatusPage.page(fragment.get()));
                case "/status" -> send(response, callback, "text/html; charset=utf-8", fragment.get());
                case "/metrics" -> send(response, callback, "text/plain; version=0.0.4; charset=utf-8", metrics.get());
                default -> Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404,
                        "the manager serves /, /status and /metrics");
            }
            return true;
        }

        private static void send(Response response, Callback callback, String type, String body) {
            response.setStatus(HttpStatus.OK_200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            Content.Sink.write(response, true, body, callback);
        }
    }

    public URI address() {
        return URI.create("http://" + connector.getHost() + ":" + connector.getLocalPort() + "/");
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the status page did not stop: " + e.getMessage(), e);
        }
    }
}
