package dev.gridha.container.failover;

/** What replicas of a group say to each other over the heartbeat channel. */
public sealed interface GroupMessage permits Heartbeat, JoinRequest {

    String group();

    String sender();

    /** When the sender's process started (ms since the epoch). */
    long incarnation();

    /** Counts this incarnation's messages of this kind from 1. */
    long counter();

    /**
     * Whether this message was sent after {@code other} by the same replica: (incarnation, counter) order
     * every message a replica ever sends, so a recorded one cannot be replayed.
     */
    default boolean isAfter(GroupMessage other) {
        return incarnation() != other.incarnation() ? incarnation() > other.incarnation() : counter() > other.counter();
    }
}
