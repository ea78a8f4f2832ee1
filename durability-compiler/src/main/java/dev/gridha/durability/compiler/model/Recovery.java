package dev.gridha.durability.compiler.model;

import java.util.List;
import java.util.Optional;

/**
 * How a database-backed object is rebuilt: run {@code query}, and for each row call {@code method} with the
 * named columns as arguments; for keyed objects, {@code keyColumn} says which resource the row belongs to;
 * {@code parameterTypes}, when given, picks one of several overloads of {@code method}.
 */
public record Recovery(Sql query, Optional<String> keyColumn, String method,
                       Optional<List<String>> parameterTypes, List<String> columns, Position callPosition) {

    public Recovery {
        columns = List.copyOf(columns);
        parameterTypes = parameterTypes.map(List::copyOf);
    }
}
