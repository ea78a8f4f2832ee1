package dev.gridha.durability.compiler.model;

/** A method named by the mapping (a read-only method). */
public record MethodRef(String method, Position position) {
}
