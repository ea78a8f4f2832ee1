package dev.gridha.durability.compiler.validation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

import dev.gridha.durability.compiler.model.UpdateRule;

import dev.gridha.durability.compiler.model.StateObjectMapping;

/**
 * A state object whose mapping fits its class: what generation works from.
 *
 * @param rules          each update rule with the method it resolved to, in mapping order
 * @param recoveryMethod the method the recovery call resolved to, if the mapping has recovery
 * @param keyed          whether its state factory takes a ResourceKey first (one object per WS-Resource)
 */
public record ValidatedStateObject(StateObjectMapping mapping, TypeElement stateClass,
                                   Map<UpdateRule, ExecutableElement> rules,
                                   Optional<ExecutableElement> recoveryMethod, boolean keyed) {

    public ValidatedStateObject {
        rules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rules));
    }

    /** The update methods, each once, in mapping order. */
    public List<ExecutableElement> updateMethods() {
        return List.copyOf(new java.util.LinkedHashSet<>(rules.values()));
    }
}
