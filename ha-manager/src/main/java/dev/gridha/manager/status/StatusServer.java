package dev.gridha.manager.status;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
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
 * ({@code /metrics}), and takes one action, {@code POST /actions/rejuvenate?container=ID}. Reading needs
 * nothing; the action needs this server's token in the {@value #TOKEN_HEADER} header (a random one per start,
 * given to the operator in the {@link #operatorAddress() page address} to open, whose script sends it): a
 * page of another origin can neither read the token nor send the header. It listens on loopback unless told
 * otherwise.
 */
public final class StatusServer implements AutoCloseable {

    /** The header an action carries the token in. */
    public static final String TOKEN_HEADER = "X-Gridha-Token";

    private final Server server;
    private final ServerConnector connector;
    private final String token;

    private StatusServer(InetSocketAddress listen, Supplier<String> fragment, Supplier<String> metrics,
                         Operator operator) {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("gridha-status");
        threads.setDaemon(true);
        server = new Server(threads);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost(listen.getHostString());
        connector.setPort(listen.getPort());
        server.addConnector(connector);
        server.setHandler(new Pages(fragment, metrics, operator, token.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A read-only page: no action is taken. */
    public static StatusServer start(InetSocketAddress listen, Supplier<String> fragment, Supplier<String> metrics) {
        return start(listen, fragment, metrics, Operator.NONE);
    }

    /**
     * @param fragment the page's tables as they are now
     * @param metrics  the Prometheus text exposition as it is now
     * @param operator what the page's action asks of the manager
     * @throws IllegalStateException if it cannot listen on {@code listen}
     */
    public static StatusServer start(InetSocketAddress listen, Supplier<String> fragment, Supplier<String> metrics,
                                     Operator operator) {
        StatusServer status = new StatusServer(Objects.requireNonNull(listen, "listen"), fragment, metrics,
                Objects.requireNonNull(operator, "operator"));
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
        private final Operator operator;
        private final byte[] token;

        Pages(Supplier<String> fragment, Supplier<String> metrics, Operator operator, byte[] token) {
            this.fragment = fragment;
            this.metrics = metrics;
            this.operator = operator;
            this.token = token;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            if (path.equals("/actions/rejuvenate")) {
                act(request, response, callback);
                return true;
            }
            if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
                Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
                return true;
            }
            switch (path) {
                case "/" -> send(response, callback, HttpStatus.OK_200, "text/html; charset=utf-8",
                        StatusPage.page(fragment.get()));
                case "/status" -> send(response, callback, HttpStatus.OK_200, "text/html; charset=utf-8",
                        fragment.get());
                case "/metrics" -> send(response, callback, HttpStatus.OK_200,
                        "text/plain; version=0.0.4; charset=utf-8", metrics.get());
                default -> Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404,
                        "the manager serves /, /status and /metrics");
            }
            return true;
        }

        /** The operator's action: POST with the token; the answer's text says what happened. */
        private void act(Request request, Response response, Callback callback) {
            if (!"POST".equals(request.getMethod())) {
                Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
                return;
            }
            String offered = request.getHeaders().get(TOKEN_HEADER);
            if (offered == null || !MessageDigest.isEqual(token, offered.getBytes(StandardCharsets.US_ASCII))) {
                send(response, callback, HttpStatus.FORBIDDEN_403, TEXT, "the action needs the token of the"
                        + " page address the manager printed");
                return;
            }
            String container = Request.extractQueryParameters(request).getValue("container");
            if (container == null || container.isBlank()) {
                send(response, callback, HttpStatus.BAD_REQUEST_400, TEXT, "name the container: ?container=ID");
                return;
            }
            try {
                send(response, callback, HttpStatus.ACCEPTED_202, TEXT, operator.rejuvenate(container));
            } catch (IllegalArgumentException e) {
                send(response, callback, HttpStatus.NOT_FOUND_404, TEXT, e.getMessage());
            } catch (IllegalStateException e) {
                send(response, callback, HttpStatus.CONFLICT_409, TEXT, e.getMessage());
            }
        }

        private static final String TEXT = "text/plain; charset=utf-8";

        private static void send(Response response, Callback callback, int status, String type, String body) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            Content.Sink.write(response, true, body, callback);
        }
    }

    public URI address() {
        return URI.create("http://" + connector.getHost() + ":" + connector.getLocalPort() + "/");
    }

    /** The page with this server's token, whose buttons can act: for the operator only. */
    public URI operatorAddress() {
        return address().resolve("?token=" + token);
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
