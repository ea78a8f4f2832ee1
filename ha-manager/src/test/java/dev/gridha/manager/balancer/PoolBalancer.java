package dev.gridha.manager.balancer;

import java.net.URI;

/** A balancer's bookkeeping without its sockets, for tests of what drives it (the embedded balancer has its own test). */
public final class PoolBalancer extends PooledBalancer {

    /** The pool, for a test that takes leases as requests would. */
    public BackendPool leases() {
        return pool;
    }

    @Override
    public URI front() {
        return URI.create("http://127.0.0.1:1");
    }

    @Override
    public void close() {
    }
}
