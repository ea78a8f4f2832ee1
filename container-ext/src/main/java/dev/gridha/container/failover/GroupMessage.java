package dev.gridha.container.failover;

/** What replicas of a group say to each other over the heartbeat channel. */
public sealed interface GroupMessage permits Heartbeat, JoinRequest {

    String group();

    String sender();
}
