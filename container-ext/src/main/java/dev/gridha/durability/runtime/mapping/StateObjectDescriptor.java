package dev.gridha.durability.runtime.mapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the runtime needs about one state object, as the durability compiler validated it from the
 * mapping: the generated service carries these, so a WAR never parses its mapping at run time.
 *
 * @param keyed whether each WS-Resource has its own object (its state factory takes a ResourceKey first)
 */
public record StateObjectDescriptor(String name, Mechanism mechanism, boolean keyed, List<String> initialization,
                                    List<String> onCreate, List<String> onDestroy,
                                    Map<String, UpdateDescriptor> updates, Optional<RecoveryDescriptor> recovery,
                                    CheckpointStrategy checkpoint) {

    public StateObjectDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mechanism, "mechanism");
        initialization = List.copyOf(initialization);
        onCreate = List.copyOf(onCreate);
        onDestroy = List.copyOf(onDestroy);
        updates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(updates));
        Objects.requireNonNull(recovery, "recovery");
        Objects.requireNonNull(checkpoint, "checkpoint");
    }

    /** Builds a descriptor from update rules in mapping order (what generated code calls). */
    public static StateObjectDescriptor of(String name, Mechanism mechanism, boolean keyed,
                                           List<String> initialization, List<String> onCreate,
                                           List<String> onDestroy, List<UpdateDescriptor> updates,
                                           RecoveryDescriptor recovery, CheckpointStrategy checkpoint) {
        Map<String, UpdateDescriptor> byId = new LinkedHashMap<>();
        for (UpdateDescriptor update : updates) {
            if (byId.putIfAbsent(update.updateId(), update) != null) {
                throw new IllegalArgumentException("state object '" + name + "' has two rules for "
                        + update.updateId());
            }
        }
        return new StateObjectDescriptor(name, mechanism, keyed, initialization, onCreate, onDestroy, byId,
                Optional.ofNullable(recovery), checkpoint);
    }
}
