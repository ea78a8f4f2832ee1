package dev.gridha.manager.rejuvenation;

/**
 * How a container is made young again: restart its process (the embedded default), or at VM level reboot
 * the guest, destroy and start it, or revert it to a clean snapshot. The call returns once the action is
 * under way or done; the coordinator then waits for the container to answer its readiness check.
 */
@FunctionalInterface
public interface RejuvenationAction {

    /**
     * @throws RejuvenationException if the action could not be carried out (what failed, in words)
     */
    void rejuvenate(String container) throws RejuvenationException;

    /** What it does, for the event log ("process restart", "VM reboot", ...). */
    default String describe() {
        return "restart";
    }
}
