package dev.gridha.container.replication;

/**
 * Applies a state update to a backup's state objects (by repeating the recorded calls or installing
 * serialized state; the durability proxies decide). Called by {@link BackupLog} in sequence order, one
 * update at a time.
 */
@FunctionalInterface
public interface StateApplier {

    void apply(StateUpdate update);
}
