package dev.gridha.manager.balancer;

/** What a balancer does with a container behind it. */
public enum BackendState {
    /** Takes new requests. */
    ACTIVE,
    /** Running and ready, takes no requests: the hot standby a rejuvenation switches to. */
    STANDBY,
    /** Takes no new requests; those in flight finish (before a planned restart). */
    DRAINING,
    /** Takes nothing (stopped, restarting, or found dead by the watchdog). */
    DOWN
}
