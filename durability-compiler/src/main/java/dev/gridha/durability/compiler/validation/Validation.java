package dev.gridha.durability.compiler.validation;

import java.util.List;
import java.util.Map;

import javax.lang.model.element.ExecutableElement;

/** What checking a mapping found: the problems, and the state objects that passed. */
public record Validation(List<Finding> findings, List<ValidatedStateObject> stateObjects,
                         Map<String, ExecutableElement> stateFactories) {

    public Validation {
        findings = List.copyOf(findings);
        stateObjects = List.copyOf(stateObjects);
        stateFactories = Map.copyOf(stateFactories);
    }

    public boolean clean() {
        return findings.isEmpty();
    }
}
