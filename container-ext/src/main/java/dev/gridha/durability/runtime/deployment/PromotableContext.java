package dev.gridha.durability.runtime.deployment;

import java.util.Objects;
import java.util.function.Supplier;

import dev.gridha.durability.runtime.DurableState;
import dev.gridha.durability.runtime.StateContext;

/**
 * A state object's context on a backup of a failover group: a backup's context until the backup is
 * promoted, then the context its mechanism has on a primary. A proxy keeps the context it was built with,
 * so the objects a backup created from its primary's updates switch in place instead of being rebuilt.
 */
final class PromotableContext implements StateContext {

    private final Supplier<StateContext> onPromotion;
    private volatile StateContext current;

    PromotableContext(StateContext backup, Supplier<StateContext> onPromotion) {
        this.current = Objects.requireNonNull(backup, "backup");
        this.onPromotion = Objects.requireNonNull(onPromotion, "onPromotion");
    }

    /** From now on the object behaves as on a primary. */
    void promote() {
        current = onPromotion.get();
    }

    @Override
    public void beforeRead(DurableState object) {
        current.beforeRead(object);
    }

    @Override
    public void beforeUpdate(DurableState object) {
        current.beforeUpdate(object);
    }

    @Override
    public void updated(DurableState object, String update, Object[] arguments) {
        current.updated(object, update, arguments);
    }
}
