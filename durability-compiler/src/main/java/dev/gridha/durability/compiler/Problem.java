package dev.gridha.durability.compiler;

import dev.gridha.durability.compiler.model.Position;

/**
 * One thing wrong with a mapping or with the code it maps, with its stable code. {@code position} is set
 * when the fault is in the mapping file; otherwise the reporter points at the Java element.
 */
public record Problem(ErrorCode code, Position position, String message) {

    /** The message as javac prints it: {@code [DUR-012] counter.xml:14:5: ...}. */
    public String render() {
        return "[" + code.id() + "] " + (position == null ? "" : position + ": ") + message;
    }
}
