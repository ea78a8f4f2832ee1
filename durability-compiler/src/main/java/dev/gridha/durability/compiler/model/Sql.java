package dev.gridha.durability.compiler.model;

/** One SQL statement of a mapping and where it stands. */
public record Sql(String text, Position position) {
}
