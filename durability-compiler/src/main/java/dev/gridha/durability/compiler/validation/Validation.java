package dev.gridha.durability.compiler.validation;

import java.util.List;

/** What checking a mapping found: the problems, and the state objects that passed. */
public record Validation(List<Finding> findings, List<ValidatedStateObject> stateObjects) {

    public Validation {
        findings = List.copyOf(findings);
        stateObjects = List.copyOf(stateObjects);
    }

    public boolean clean() {
        return findings.isEmpty();
    }
}
