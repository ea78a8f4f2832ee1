package dev.gridha.durability.runtime.deployment;

import dev.gridha.durability.runtime.DurableState;
import dev.gridha.durability.runtime.StateContext;

/**
 * A state object's context on a backup: the backup changes its objects only by replaying the primary's
 * updates (which bypasses the context), so a call through the proxy means a request reached a backup.
 */
final class BackupStateContext implements StateContext {

    private final String stateObject;

    BackupStateContext(String stateObject) {
        this.stateObject = stateObject;
    }

    @Override
    public void beforeUpdate(DurableState object) {
        throw new NotPrimaryException("state object '" + stateObject + "' is a backup copy: updates come only"
                + " from the primary");
    }

    @Override
    public void updated(DurableState object, String update, Object[] arguments) {
        beforeUpdate(object);
    }
}
