package dev.gridha.manager.balancer;

import java.net.URI;
import java.util.List;

/**
 * A balancer whose bookkeeping is a {@link BackendPool} in this JVM: the state changes and counts are the
 * pool's; a subclass only forwards requests on leases from it.
 */
public abstract class PooledBalancer implements Balancer {

    protected final BackendPool pool = new BackendPool();

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
}
