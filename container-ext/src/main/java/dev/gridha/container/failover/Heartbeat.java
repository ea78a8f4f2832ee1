package dev.gridha.container.failover;

import java.util.List;
import java.util.Objects;

/**
 * The primary's "I am alive", sent to every other replica at the configured interval. It carries the
 * primary's view, so backups learn of membership changes (a failed backup removed, a caught-up one added)
 * from the heartbeats alone.
 *
 * @param group       the replica group
 * @param sender      the replica that sent it
 * @param incarnation when the sender's process started (ms since the epoch): with {@code counter}, orders
 *                    every heartbeat a replica ever sent, so a recorded one cannot be replayed
 * @param counter     counts this incarnation's heartbeats from 1
 * @param view        the sender's view; the sender is its primary
 */
public record Heartbeat(String group, String sender, long incarnation, long counter, ReplicaView view)
        implements GroupMessage {

    public Heartbeat {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(view, "view");
        if (!view.primary().equals(sender)) {
            throw new IllegalArgumentException("a heartbeat comes from the primary of its view: " + sender
                    + " is not the primary of " + view);
        }
        if (counter < 1) {
            throw new IllegalArgumentException("heartbeat counter starts at 1: " + counter);
        }
    }

    public long epoch() {
        return view.epoch();
    }

    public List<String> members() {
        return view.members();
    }
}
