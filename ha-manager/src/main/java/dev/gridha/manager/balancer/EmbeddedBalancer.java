package dev.gridha.manager.balancer;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The default balancer: a reverse proxy in the manager's JVM (Jetty's asynchronous proxy handler, so a
 * request waiting on a slow container holds no thread). Each request takes a lease on an active container
 * ({@link BackendPool}) before it is forwarded and gives it back when the answer has been written to the
 * client, so the in-flight count a drain waits for covers the whole exchange. A request that finds no active
 * container waits for one up to the balancer's hold (a handover to a backup has none active until the backup is
 * promoted; the wait holds one of the proxy's 200 threads), then is answered 503 with Retry-After.
 */
public final class EmbeddedBalancer extends PooledBalancer {

    private static final String LEASE = EmbeddedBalancer.class.getName() + ".lease";

    private final Server server;
    private final ServerConnector connector;

    private EmbeddedBalancer(InetSocketAddress listen, Duration hold) {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("gridha-balancer");
        threads.setDaemon(true);
        server = new Server(threads);
        connector = new ServerConnector(server);
        connector.setHost(listen.getHostString());
        connector.setPort(listen.getPort());
        server.addConnector(connector);
        ProxyHandler.Reverse proxy = new ProxyHandler.Reverse(EmbeddedBalancer::target);
        server.setHandler(new Leasing(pool, proxy, hold.toNanos()));
    }

    /** A balancer that refuses a request at once when no container is active. */
    public static EmbeddedBalancer start(InetSocketAddress listen) {
        return start(listen, Duration.ZERO);
    }

    /**
     * Starts a balancer listening on {@code listen} (port 0: any free port), a request waiting up to
     * {@code hold} while no container is active.
     *
     * @throws IllegalStateException if it cannot listen there
     */
    public static EmbeddedBalancer start(InetSocketAddress listen, Duration hold) {
        if (hold.isNegative()) {
            throw new IllegalArgumentException("the balancer's hold cannot be negative: " + hold);
        }
        EmbeddedBalancer balancer = new EmbeddedBalancer(Objects.requireNonNull(listen, "listen"), hold);
        try {
            balancer.server.start();
            return balancer;
        } catch (Exception e) {
            balancer.close();
            throw new IllegalStateException("the balancer cannot listen on " + listen + ": " + e.getMessage(), e);
        }
    }

    /** Where the request goes: the leased container's scheme, host and port, the request's path and query. */
    private static HttpURI target(Request request) {
        BackendPool.Lease lease = (BackendPool.Lease) request.getAttribute(LEASE);
        URI base = lease.base();
        return HttpURI.build(request.getHttpURI()).scheme(base.getScheme()).host(base.getHost()).port(base.getPort());
    }

    /** Takes a lease before the proxy forwards, and gives it back once the exchange with the client is over. */
    private static final class Leasing extends Handler.Wrapper {
        private final BackendPool pool;
        private final long holdNanos;

        Leasing(BackendPool pool, Handler proxy, long holdNanos) {
            super(proxy);
            this.pool = pool;
            this.holdNanos = holdNanos;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            BackendPool.Lease lease = pool.acquire(holdNanos).orElse(null);
            if (lease == null) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
                Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503,
                        "no container is taking requests now");
                return true;
            }
            request.setAttribute(LEASE, lease);
            // the proxy completes the callback once the last byte of the answer is written to the client
            Callback releasing = new Callback.Nested(callback) {
                @Override
                public void succeeded() {
                    lease.release(answered(response));
                    super.succeeded();
                }

                @Override
                public void failed(Throwable failure) {
                    lease.release(false);
                    super.failed(failure);
                }
            };
            try {
                if (super.handle(request, response, releasing)) {
                    return true;
                }
            } catch (Exception | Error e) {
                lease.release(false);
                throw e;
            }
            lease.release(false);
            return false;
        }

        /** The proxy answers 502 or 504 itself when the container did not answer. */
        private static boolean answered(Response response) {
            int status = response.getStatus();
            return status != HttpStatus.BAD_GATEWAY_502 && status != HttpStatus.GATEWAY_TIMEOUT_504;
        }
    }

    @Override
    public URI front() {
        return URI.create("http://" + connector.getHost() + ":" + connector.getLocalPort());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the balancer did not stop: " + e.getMessage(), e);
        }
    }
}
