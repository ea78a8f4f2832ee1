package dev.gridha.durability.compiler.model;

import java.util.List;
import java.util.Optional;

/**
 * How a database-backed object is rebuilt: run {@code query}, and for each row call {@code method} with the
 * named columns as arguments; for keyed objects, {@code keyColumn} says which resource the row belongs to.
 */
public record Recovery(Sql query, Optional<String> keyColumn, String method, List<String> columns,
                       Position callPosition) {

    public Recovery {
        columns = List.copyOf(columns);
    }
}
