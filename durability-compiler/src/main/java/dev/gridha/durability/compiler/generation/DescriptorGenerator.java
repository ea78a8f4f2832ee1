package dev.gridha.durability.compiler.generation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;

import dev.gridha.durability.compiler.model.Recovery;
import dev.gridha.durability.compiler.model.Sql;
import dev.gridha.durability.compiler.model.StateObjectMapping;
import dev.gridha.durability.compiler.model.UpdateRule;
import dev.gridha.durability.compiler.validation.ValidatedStateObject;

/**
 * Writes a validated mapping as Java: the expression that builds the runtime's {@code DurabilityDescriptor},
 * stored in the generated service so that a deployed WAR never reads or trusts XML at run time. Update and
 * recovery methods appear by the same ids the proxies report ({@code setValue(int)}).
 *
 * <p>A state object without {@code <checkpoint>} gets: {@code none} for reconstruction, {@code serialize}
 * for a {@code Serializable} class, {@code recover} for a database object with recovery, else {@code none}.
 */
final class DescriptorGenerator {

    private static final String MAPPING = "dev.gridha.durability.runtime.mapping";
    static final ClassName DESCRIPTOR = ClassName.get(MAPPING, "DurabilityDescriptor");
    private static final ClassName STATE_OBJECT = ClassName.get(MAPPING, "StateObjectDescriptor");
    private static final ClassName UPDATE = ClassName.get(MAPPING, "UpdateDescriptor");
    private static final ClassName RECOVERY = ClassName.get(MAPPING, "RecoveryDescriptor");
    private static final ClassName MECHANISM = ClassName.get(MAPPING, "Mechanism");
    private static final ClassName CHECKPOINT = ClassName.get(MAPPING, "CheckpointStrategy");

    private final Types types;
    private final ProxyGenerator ids;

    DescriptorGenerator(Types types) {
        this.types = types;
        this.ids = new ProxyGenerator(types);
    }

    CodeBlock descriptor(TypeElement service, List<ValidatedStateObject> stateObjects) {
        List<CodeBlock> objects = new ArrayList<>();
        for (ValidatedStateObject object : stateObjects) {
            objects.add(stateObject(object));
        }
        return CodeBlock.of("$T.of($S, $T.of(\n$>$>$L$<$<))", DESCRIPTOR, service.getQualifiedName().toString(),
                List.class, CodeBlock.join(objects, ",\n"));
    }

    private CodeBlock stateObject(ValidatedStateObject object) {
        StateObjectMapping mapping = object.mapping();
        List<CodeBlock> updates = new ArrayList<>();
        for (Map.Entry<UpdateRule, ExecutableElement> rule : object.rules().entrySet()) {
            updates.add(CodeBlock.of("new $T($S, $T.Kind.$L, $L)", UPDATE, ids.updateId(rule.getValue()), UPDATE,
                    rule.getKey().kind().name(), strings(rule.getKey().statements())));
        }
        CodeBlock recovery = mapping.recovery().map(r -> recovery(r, object.recoveryMethod().orElseThrow()))
                .orElse(CodeBlock.of("null"));
        return CodeBlock.of("$T.of($S, $T.$L, $L,\n$>$L,\n$L,\n$L,\n$T.of($L),\n$L,\n$T.$L)$<", STATE_OBJECT,
                mapping.name(), MECHANISM, mapping.mechanism().name(), object.keyed(),
                strings(mapping.initialization()), strings(mapping.onCreate()), strings(mapping.onDestroy()),
                List.class, CodeBlock.join(updates, ", "), recovery, CHECKPOINT, checkpoint(object));
    }

    private CodeBlock recovery(Recovery recovery, ExecutableElement method) {
        CodeBlock keyColumn = recovery.keyColumn().map(c -> CodeBlock.of("$T.of($S)", Optional.class, c))
                .orElse(CodeBlock.of("$T.empty()", Optional.class));
        List<CodeBlock> columns = recovery.columns().stream().map(c -> CodeBlock.of("$S", c)).toList();
        return CodeBlock.of("new $T($S, $L, $S, $T.of($L))", RECOVERY, recovery.query().text(), keyColumn,
                ids.updateId(method), List.class, CodeBlock.join(columns, ", "));
    }

    private String checkpoint(ValidatedStateObject object) {
        Optional<String> explicit = object.mapping().checkpoint();
        if (explicit.isPresent()) {
            return explicit.get().toUpperCase(java.util.Locale.ROOT);
        }
        return switch (object.mapping().mechanism()) {
            case RECONSTRUCTION -> "NONE";
            case DATABASE, REPLICATION -> serializable(object.stateClass()) ? "SERIALIZE"
                    : object.mapping().recovery().isPresent() ? "RECOVER" : "NONE";
        };
    }

    private boolean serializable(TypeElement type) {
        return findSerializable(type.asType()) != null;
    }

    private TypeElement findSerializable(TypeMirror type) {
        TypeElement element = (TypeElement) types.asElement(type);
        if (element == null) {
            return null;
        }
        if (element.getQualifiedName().contentEquals("java.io.Serializable")) {
            return element;
        }
        for (TypeMirror parent : types.directSupertypes(type)) {
            TypeElement found = findSerializable(parent);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static CodeBlock strings(List<Sql> statements) {
        List<CodeBlock> texts = statements.stream().map(s -> CodeBlock.of("$S", s.text().strip())).toList();
        return CodeBlock.of("$T.of($L)", List.class, CodeBlock.join(texts, ", "));
    }
}
