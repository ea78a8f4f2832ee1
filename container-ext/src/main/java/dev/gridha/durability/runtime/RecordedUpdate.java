package dev.gridha.durability.runtime;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * One update call as the replication mechanism records it for the backups: which state object (its mapping
 * name and, for keyed objects, its resource key), which update, and the arguments. A backup replays it with
 * {@link DurableState#replay(String, Object[])}.
 */
public record RecordedUpdate(String stateObject, String key, String update, Object[] arguments)
        implements Serializable {

    /**
     * The update id of a {@code serialize} rule's record: its one argument is the object's whole state after
     * the update, which the backup copies into its object instead of repeating a call.
     */
    public static final String WHOLE_STATE = "<serialized state>";

    /** A keyed object was created on the primary; the one argument is its serialized state at birth. */
    public static final String CREATED = "<created>";

    /** A keyed object was destroyed on the primary. */
    public static final String DESTROYED = "<destroyed>";

    public RecordedUpdate {
        Objects.requireNonNull(stateObject, "stateObject");
        Objects.requireNonNull(update, "update");
        arguments = arguments.clone();
    }

    @Override
    public Object[] arguments() {
        return arguments.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordedUpdate that && stateObject.equals(that.stateObject)
                && Objects.equals(key, that.key) && update.equals(that.update)
                && Arrays.deepEquals(arguments, that.arguments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stateObject, key, update, Arrays.deepHashCode(arguments));
    }

    @Override
    public String toString() {
        return stateObject + (key == null ? "" : "[" + key + "]") + "." + update + Arrays.deepToString(arguments);
    }
}
