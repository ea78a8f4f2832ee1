package dev.gridha.container.failover;

/** What a membership decision changed for one replica (both modes report the same transitions). */
public enum RoleTransition {
    /** Nothing: same role, same primary. */
    NONE,
    /** This replica is now the primary of its view: drain the received updates, then serve. */
    PROMOTED,
    /** Another replica is primary now: re-point to it. */
    FOLLOWING,
    /** The primary's view no longer lists this replica: it must catch up before it is a backup again. */
    EXCLUDED,
    /** This primary learned of a newer epoch: it must stop serving at once. */
    DEPOSED
}
