package dev.gridha.durability.compiler.model;

import java.util.List;
import java.util.Optional;

/** Everything the mapping says about one state object. */
public record StateObjectMapping(String name, String className, Mechanism mechanism, List<Sql> initialization,
                                 List<Sql> onCreate, List<Sql> onDestroy, Optional<Recovery> recovery,
                                 List<UpdateRule> updates, List<MethodRef> readOnly, Optional<String> checkpoint,
                                 Position position) {

    public StateObjectMapping {
        initialization = List.copyOf(initialization);
        onCreate = List.copyOf(onCreate);
        onDestroy = List.copyOf(onDestroy);
        updates = List.copyOf(updates);
        readOnly = List.copyOf(readOnly);
    }
}
