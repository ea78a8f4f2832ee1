package dev.gridha.manager.balancer;

import java.net.URI;
import java.util.List;

/** A balancer's bookkeeping without its sockets, for tests of what drives it (the embedded balancer has its own test). */
public final class PoolBalancer implements Balancer {
    public final BackendPool pool = new BackendPool();

    @Override
    public URI front() {
        return URI.create("http://127.0.0.1:1");
    }

    @Override
    public void add(String id, URI base) {
        pool.add(id, base);
    }

    @Override
    public void activate(String id) {
        pool.set(id, BackendState.ACTIVE);
    }

    @Override
    public void standBy(String id) {
        pool.set(id, BackendState.STANDBY);
    }

    @Override
    public void drain(String id) {
        pool.set(id, BackendState.DRAINING);
    }

    @Override
    public void down(String id) {
        pool.set(id, BackendState.DOWN);
    }

    @Override
    public int inFlight(String id) {
        return pool.inFlight(id);
    }

    @Override
    public List<BackendStatus> backends() {
        return pool.statuses();
    }

    @Override
    public void close() {
    }
}
