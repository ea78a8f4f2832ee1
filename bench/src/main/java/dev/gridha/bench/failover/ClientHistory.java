package dev.gridha.bench.failover;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One client's replies through a failover: when each came, from which replica, and what it said. Pure, so
 * the gap arithmetic is tested on its own.
 */
public final class ClientHistory {

    private final List<Long> times = new ArrayList<>();
    private final List<Integer> values = new ArrayList<>();
    private final List<Boolean> fromOld = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    /** @param fromOldPrimary whether the killed primary sent it (a reply may still arrive after the kill) */
    public void replied(long nanos, int value, boolean fromOldPrimary) {
        times.add(nanos);
        values.add(value);
        fromOld.add(fromOldPrimary);
    }

    public void failed(long nanos, Throwable failure) {
        errors.add(nanos + ": " + failure);
    }

    public List<Integer> values() {
        return List.copyOf(values);
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }

    /**
     * What the client saw of the failover: from its last reply from the old primary (or {@code crashNanos}, if
     * it had none) to its first from the new one; empty if it got none from the new one.
     */
    public OptionalLong gapAround(long crashNanos) {
        long lastOld = crashNanos;
        for (int i = 0; i < times.size(); i++) {
            if (fromOld.get(i)) {
                lastOld = Math.max(lastOld, times.get(i));
            }
        }
        OptionalLong first = firstReplyFromNew();
        return first.isPresent() ? OptionalLong.of(first.getAsLong() - lastOld) : OptionalLong.empty();
    }

    /** The first reply the new primary sent, if any. */
    public OptionalLong firstReplyFromNew() {
        for (int i = 0; i < times.size(); i++) {
            if (!fromOld.get(i)) {
                return OptionalLong.of(times.get(i));
            }
        }
        return OptionalLong.empty();
    }

    public int repliesFromNew() {
        return (int) fromOld.stream().filter(old -> !old).count();
    }
}
