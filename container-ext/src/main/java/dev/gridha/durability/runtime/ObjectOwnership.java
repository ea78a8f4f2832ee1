package dev.gridha.durability.runtime;

import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which open action holds which state object. An action takes an object at its first read or update and
 * keeps it until it commits or aborts (strict two-phase locking), so no other request reads a change that
 * may still be rolled back, and a rollback to the checkpoint never erases another request's committed update.
 *
 * <p>Held by actions, not threads: a service transaction keeps its objects across requests that arrive on
 * different threads. A request that finds an object taken waits up to the timeout, then fails with
 * {@link StateBusyException}; that also breaks deadlocks between two actions taking objects in different
 * orders.
 */
final class ObjectOwnership {

    private final Map<DurableState, Action> owners = new IdentityHashMap<>();
    private final long timeoutNanos;

    ObjectOwnership(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("lock timeout must not be negative: " + timeout);
        }
        this.timeoutNanos = timeout.toNanos();
    }

    /** Gives {@code object} to {@code action}, waiting while another action holds it. */
    synchronized void take(DurableState object, Action action, String stateObject) {
        Objects.requireNonNull(object, "object");
        long deadline = System.nanoTime() + timeoutNanos;
        for (Action owner = owners.get(object); owner != action; owner = owners.get(object)) {
            if (owner == null) {
                owners.put(object, action);
                action.owns(object);
                return;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new StateBusyException("state object '" + stateObject + "' is held by "
                        + owner.describe() + " for longer than " + Duration.ofNanos(timeoutNanos).toMillis()
                        + " ms; nothing changed, retry later");
            }
            try {
                wait(Math.max(1, remaining / 1_000_000), 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StateBusyException("interrupted while waiting for state object '" + stateObject + "'");
            }
        }
    }

    /** The action ended: every object it held is free. */
    synchronized void releaseAll(Action action) {
        if (action.owned().isEmpty()) {
            return;
        }
        for (DurableState object : action.owned()) {
            owners.remove(object, action);
        }
        notifyAll();
    }
}
