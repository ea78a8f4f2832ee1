package dev.gridha.durability.runtime;

/**
 * The reconstruction mechanism (thesis ch. IV.C.2): the object lives in memory only and is rebuilt after a
 * failure, so updates are neither recorded nor checkpointed.
 */
public final class ReconstructedStateContext implements StateContext {

    public static final ReconstructedStateContext INSTANCE = new ReconstructedStateContext();

    private ReconstructedStateContext() {
    }

    @Override
    public void beforeUpdate(DurableState object) {
        // nothing kept: recovery is re-initialization
    }

    @Override
    public void updated(DurableState object, String update, Object[] arguments) {
        // nothing kept
    }
}
