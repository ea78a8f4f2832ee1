package dev.gridha.durability.runtime;

import java.io.Serializable;

/**
 * The {@code serialize} checkpoint strategy: copies the object's state with Java serialization before the
 * action changes it, and on rollback copies every field of the state class back into the same object (the
 * service holds references to it, so it cannot be swapped for the copy). The state class must be
 * {@link Serializable}; the durability compiler checks that (DUR-021).
 */
public final class SerializingCheckpointer implements Checkpointer {

    @Override
    public Runnable checkpoint(DurableState object) {
        if (!(object instanceof Serializable)) {
            throw new IllegalStateException(object.getClass().getSuperclass().getName()
                    + " is not Serializable, so it cannot be checkpointed by serialization");
        }
        byte[] snapshot = StateSnapshots.serialize(object);
        return () -> StateSnapshots.copyFields(StateSnapshots.deserializeOwn(snapshot), object);
    }

}
