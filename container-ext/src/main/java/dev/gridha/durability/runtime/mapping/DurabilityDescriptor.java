package dev.gridha.durability.runtime.mapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A service's durability mapping as the runtime uses it: its state objects by name, in mapping order. */
public record DurabilityDescriptor(String service, Map<String, StateObjectDescriptor> stateObjects) {

    public DurabilityDescriptor {
        Objects.requireNonNull(service, "service");
        stateObjects = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stateObjects));
    }

    public static DurabilityDescriptor of(String service, List<StateObjectDescriptor> stateObjects) {
        Map<String, StateObjectDescriptor> byName = new LinkedHashMap<>();
        stateObjects.forEach(object -> byName.put(object.name(), object));
        return new DurabilityDescriptor(service, byName);
    }

    /** The state object named {@code name}; an unknown name is a wiring error between code and runtime. */
    public StateObjectDescriptor stateObject(String name) {
        StateObjectDescriptor object = stateObjects.get(name);
        if (object == null) {
            throw new IllegalArgumentException(service + " has no state object '" + name + "' in its mapping");
        }
        return object;
    }
}
