package dev.gridha.durability.runtime.mapping;

import java.util.List;
import java.util.Objects;

/**
 * One update method's rule: for the database its SQL, for replication whether the backups repeat the call
 * or receive the serialized object.
 *
 * @param updateId the id the proxy reports the update by, such as {@code setValue(int)}
 */
public record UpdateDescriptor(String updateId, Kind kind, List<String> sql) {

    public enum Kind { SQL, REPEAT, SERIALIZE }

    public UpdateDescriptor {
        Objects.requireNonNull(updateId, "updateId");
        Objects.requireNonNull(kind, "kind");
        sql = List.copyOf(sql);
    }
}
