package dev.gridha.durability.runtime;

import java.util.OptionalLong;

/**
 * The epoch of the primary serving the request on this thread, from the moment the request's action starts
 * until the reply is written: a failover group's replies carry it, so a fault-tolerant client that has
 * heard a newer primary refuses the reply of a deposed one.
 */
public final class ServedEpoch {

    private static final ThreadLocal<Long> CURRENT = new ThreadLocal<>();

    private ServedEpoch() {
    }

    public static void set(long epoch) {
        CURRENT.set(epoch);
    }

    /** The epoch set for this thread's request, cleared as it is read. */
    public static OptionalLong take() {
        Long epoch = CURRENT.get();
        CURRENT.remove();
        return epoch == null ? OptionalLong.empty() : OptionalLong.of(epoch);
    }

    /** Forgets what an earlier request on this thread left. */
    public static void clear() {
        CURRENT.remove();
    }
}
