package dev.gridha.container.failover;

import java.util.Objects;

/**
 * A replica that was restarted (or is new) asks the primary to take it in: the primary sends it a snapshot
 * of the replicated state and then every update, and only then lists it in its view. Sent to the primary's
 * heartbeat port until the joiner sees itself in the primary's heartbeats.
 *
 * @param incarnation with {@code counter}, orders the joiner's requests (a recorded one is not replayed)
 */
public record JoinRequest(String group, String sender, long incarnation, long counter) implements GroupMessage {

    public JoinRequest {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(sender, "sender");
        if (counter < 1) {
            throw new IllegalArgumentException("join request counter starts at 1: " + counter);
        }
    }
}
