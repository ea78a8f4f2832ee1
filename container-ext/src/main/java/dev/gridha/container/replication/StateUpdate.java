package dev.gridha.container.replication;

import java.util.Arrays;
import java.util.Objects;

/**
 * One request's effect on the service state, as a primary sends it to every backup before it replies
 * (thesis ch. III STATE_UPDATE). It carries the request's id and its result with the state change, so a
 * backup that becomes primary can answer a resubmitted request with the original result instead of running
 * it twice (the thesis's {@code check_previous_requests}, which it never showed with ids).
 *
 * @param group     the replica group (one replicated service) the update belongs to
 * @param epoch     the primary's epoch; backups refuse updates from an older one (fencing, issue 4)
 * @param sequence  the update's position in the primary's order; backups apply in this order
 * @param requestId the client request that caused it, or {@code null} for an internal update
 * @param result    the serialized reply to that request, or an empty array
 * @param payload   the state change itself, as the durability proxies encode it (repeat calls or
 *                  serialized state); opaque to the transport
 * @param origin    the epoch of the primary that created the update: the same as {@code epoch} but when a
 *                  new primary re-sends an update it received from an earlier one to a backup that may lack
 *                  it. Two updates at one sequence number are the same update exactly when their origins
 *                  are equal (one primary numbers each sequence number once), which is how a backup tells a
 *                  re-sent update it holds from a different one that took its place ({@link BackupLog})
 */
public record StateUpdate(String group, long epoch, long sequence, String requestId, byte[] result,
                          byte[] payload, long origin) {

    public StateUpdate {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(payload, "payload");
        if (epoch < 0 || sequence < 0) {
            throw new IllegalArgumentException("epoch and sequence are non-negative: " + epoch + ", " + sequence);
        }
        if (origin < 0 || origin > epoch) {
            throw new IllegalArgumentException("an update's origin epoch " + origin + " is outside 0.." + epoch);
        }
    }

    /** An update the primary of {@code epoch} creates now. */
    public StateUpdate(String group, long epoch, long sequence, String requestId, byte[] result, byte[] payload) {
        this(group, epoch, sequence, requestId, result, payload, epoch);
    }

    /** This update, re-sent by the primary of {@code newEpoch}: the same update, so its origin stays. */
    public StateUpdate resentIn(long newEpoch) {
        return new StateUpdate(group, newEpoch, sequence, requestId, result, payload, origin);
    }

    /** Whether the primary of its epoch re-sends it from an earlier primary. */
    public boolean isResent() {
        return origin != epoch;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StateUpdate that
                && group.equals(that.group) && epoch == that.epoch && sequence == that.sequence
                && origin == that.origin
                && Objects.equals(requestId, that.requestId)
                && Arrays.equals(result, that.result) && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(group, epoch, sequence, requestId, Arrays.hashCode(result), Arrays.hashCode(payload),
                origin);
    }

    @Override
    public String toString() {
        return "StateUpdate[" + group + " epoch " + epoch + (isResent() ? " (of epoch " + origin + ")" : "")
                + " #" + sequence + " request " + requestId
                + ", " + result.length + " B result, " + payload.length + " B payload]";
    }
}
