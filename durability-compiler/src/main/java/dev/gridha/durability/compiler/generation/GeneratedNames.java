package dev.gridha.durability.compiler.generation;

import javax.lang.model.element.TypeElement;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;

/** Names and marks shared by everything the durability compiler generates. */
final class GeneratedNames {

    static final String GENERATOR = "dev.gridha.durability.compiler.DurabilityProcessor";
    private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

    private GeneratedNames() {
    }

    /** {@code Durable_Counter} beside {@code Counter}; nested classes joined with underscores. */
    static ClassName durable(TypeElement type) {
        ClassName plain = ClassName.get(type);
        return ClassName.get(plain.packageName(), "Durable_" + String.join("_", plain.simpleNames()));
    }

    /** {@code @Generated("dev.gridha.durability.compiler.DurabilityProcessor")} */
    static AnnotationSpec generated() {
        return AnnotationSpec.builder(GENERATED).addMember("value", "$S", GENERATOR).build();
    }
}
