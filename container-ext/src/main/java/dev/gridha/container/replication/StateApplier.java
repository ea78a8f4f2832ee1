package dev.gridha.container.replication;

/**
 * Applies a state update to a backup's state objects (by repeating the recorded calls or installing
 * serialized state; the durability proxies decide). Called by {@link BackupLog} in sequence order, one
 * update at a time.
 */
@FunctionalInterface
public interface StateApplier {

    void apply(StateUpdate update);

    /**
     * Installs a joining backup's snapshot: the primary's whole state replaces whatever this backup held
     * (it may hold an earlier snapshot, when it was taken in before and dropped or asked again), so objects
     * the primary destroyed meanwhile are forgotten and ones it still has are not created twice.
     */
    default void install(StateUpdate snapshot) {
        apply(snapshot);
    }
}
