package dev.gridha.durability.compiler.model;

/** Where something stands in a mapping file, for error messages javac prints as {@code file:line:column}. */
public record Position(String file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
