package dev.gridha.durability.compiler.validation;

import java.util.List;

import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

import dev.gridha.durability.compiler.model.StateObjectMapping;

/** A state object whose mapping fits its class: what generation works from. */
public record ValidatedStateObject(StateObjectMapping mapping, TypeElement stateClass,
                                   List<ExecutableElement> updateMethods) {

    public ValidatedStateObject {
        updateMethods = List.copyOf(updateMethods);
    }
}
