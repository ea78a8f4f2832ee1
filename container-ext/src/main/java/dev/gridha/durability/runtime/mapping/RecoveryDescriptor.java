package dev.gridha.durability.runtime.mapping;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a database-backed object is rebuilt: run {@code query}; for each row replay {@code updateId} with the
 * named columns; {@code keyColumn} says which keyed object a row belongs to.
 */
public record RecoveryDescriptor(String query, Optional<String> keyColumn, String updateId, List<String> columns) {

    public RecoveryDescriptor {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(keyColumn, "keyColumn");
        Objects.requireNonNull(updateId, "updateId");
        columns = List.copyOf(columns);
    }
}
