package dev.gridha.durability.compiler.model;

import java.util.List;

/** A whole durability mapping: the service it is for and its state objects. */
public record Mapping(String file, String serviceClass, Position servicePosition, List<StateObjectMapping> stateObjects) {

    public Mapping {
        stateObjects = List.copyOf(stateObjects);
    }
}
