package dev.gridha.durability.compiler.generation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.NameAllocator;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;

/**
 * Turns one validated state object into its durability proxy: a subclass that reports every update method
 * call to its {@code StateContext}, announces every other public method as a read (so the runtime can hold
 * the object for the reading request), and can replay a recorded update without reporting it. Pure
 * JavaPoet: given the same elements it produces the same source, in a stable order.
 */
public final class ProxyGenerator {

    static final ClassName STATE_CONTEXT = ClassName.get("dev.gridha.durability.runtime", "StateContext");
    static final ClassName DURABLE_STATE = ClassName.get("dev.gridha.durability.runtime", "DurableState");

    private static final java.util.Set<String> OBJECT_METHODS = java.util.Set.of("equals(Object)", "hashCode()",
            "toString()");

    private final Types types;

    public ProxyGenerator(Types types) {
        this.types = types;
    }

    /** The proxy's name: {@code Durable_Counter} beside {@code Counter}. */
    public static ClassName proxyName(TypeElement stateClass) {
        return GeneratedNames.durable(stateClass);
    }

    /** The id an update goes by on the wire and in the runtime: {@code setValue(int)}. */
    public String updateId(ExecutableElement method) {
        List<String> parameterTypes = new ArrayList<>();
        for (VariableElement parameter : method.getParameters()) {
            parameterTypes.add(simpleName(parameter.asType()));
        }
        return method.getSimpleName() + "(" + String.join(",", parameterTypes) + ")";
    }

    /**
     * @param updateMethods the validated update methods of the state class, each with the id it goes by
     */
    public JavaFile generate(TypeElement stateClass, Map<ExecutableElement, String> updateMethods) {
        ClassName proxy = proxyName(stateClass);
        NameAllocator constants = new NameAllocator();
        List<Map.Entry<ExecutableElement, String>> updates = new ArrayList<>(updateMethods.entrySet());
        updates.sort(Comparator.comparing(Map.Entry::getValue));

        TypeSpec.Builder type = TypeSpec.classBuilder(proxy)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .superclass(TypeName.get(stateClass.asType()))
                .addSuperinterface(DURABLE_STATE)
                .addOriginatingElement(stateClass)
                .addAnnotation(GeneratedNames.generated())
                .addJavadoc("Durability proxy of {@link $T}: reports each update to its {@code StateContext}.\n",
                        ClassName.get(stateClass));
        // transient: a checkpoint serializes the object's state, never its wiring
        type.addField(FieldSpec.builder(STATE_CONTEXT, "context", Modifier.PRIVATE, Modifier.FINAL, Modifier.TRANSIENT)
                .build());

        for (ExecutableElement constructor : ElementFilter.constructorsIn(stateClass.getEnclosedElements())) {
            if (!constructor.getModifiers().contains(Modifier.PRIVATE)) {
                type.addMethod(constructor(constructor));
            }
        }
        for (ExecutableElement read : readMethods(stateClass, updateMethods.values())) {
            type.addMethod(readOverride(stateClass, read));
        }
        CodeBlock.Builder replay = CodeBlock.builder().beginControlFlow("switch (update)");
        for (Map.Entry<ExecutableElement, String> update : updates) {
            String constant = constants.newName(constantName(update.getValue()));
            type.addField(FieldSpec.builder(String.class, constant, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .initializer("$S", update.getValue()).build());
            type.addMethod(override(stateClass, update.getKey(), constant));
            replay.add("case $S:\n", update.getValue()).indent()
                    .addStatement("super.$N($L)", update.getKey().getSimpleName().toString(),
                            castArguments(update.getKey()))
                    .addStatement("return").unindent();
        }
        replay.add("default:\n").indent()
                .addStatement("throw new $T($S + update)", IllegalArgumentException.class,
                        stateClass.getSimpleName() + " has no update ")
                .unindent().endControlFlow();
        type.addMethod(MethodSpec.methodBuilder("replay")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(String.class, "update")
                .addParameter(Object[].class, "arguments")
                .addCode(replay.build())
                .build());
        return JavaFile.builder(proxy.packageName(), type.build()).skipJavaLangImports(true).build();
    }

    private MethodSpec constructor(ExecutableElement constructor) {
        MethodSpec.Builder builder = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
                .addParameter(STATE_CONTEXT, "context");
        List<String> names = new ArrayList<>();
        for (VariableElement parameter : constructor.getParameters()) {
            String name = "arg" + names.size();
            builder.addParameter(TypeName.get(parameter.asType()), name);
            names.add(name);
        }
        constructor.getThrownTypes().forEach(thrown -> builder.addException(TypeName.get(thrown)));
        return builder.addStatement("super($L)", String.join(", ", names))
                .addStatement("this.context = $T.requireNonNull(context, $S)", java.util.Objects.class, "context")
                .build();
    }

    private MethodSpec override(TypeElement stateClass, ExecutableElement method, String constant) {
        MethodSpec.Builder builder = MethodSpec.overriding(method, (DeclaredType) stateClass.asType(), types);
        List<String> arguments = builder.build().parameters.stream().map(p -> p.name).toList();
        String argumentList = String.join(", ", arguments);
        builder.addStatement("context.beforeUpdate(this)");
        boolean returnsValue = method.getReturnType().getKind() != TypeKind.VOID;
        if (returnsValue) {
            builder.addStatement("$T result = super.$N($L)", TypeName.get(resolvedReturn(stateClass, method)),
                    method.getSimpleName().toString(), argumentList);
        } else {
            builder.addStatement("super.$N($L)", method.getSimpleName().toString(), argumentList);
        }
        builder.addStatement("context.updated(this, $N, new Object[] {$L})", constant, argumentList);
        if (returnsValue) {
            builder.addStatement("return result");
        }
        return builder.build();
    }

    /**
     * The public instance methods that are not updates (the validator has made sure each is read-only),
     * most derived declaration first, in a stable order. Final ones cannot be overridden and stay unannounced.
     */
    private List<ExecutableElement> readMethods(TypeElement stateClass, java.util.Collection<String> updateIds) {
        Map<String, ExecutableElement> bySignature = new java.util.LinkedHashMap<>();
        for (TypeElement type = stateClass; type != null && !type.getQualifiedName().contentEquals("java.lang.Object");
             type = superclass(type)) {
            for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
                if (method.getModifiers().contains(Modifier.PUBLIC) && !method.getModifiers().contains(Modifier.STATIC)) {
                    bySignature.putIfAbsent(updateId(method), method);
                }
            }
        }
        return bySignature.entrySet().stream()
                .filter(e -> !updateIds.contains(e.getKey()))
                .filter(e -> !OBJECT_METHODS.contains(e.getKey())) // identity and diagnostics, not state reads
                .filter(e -> !e.getValue().getModifiers().contains(Modifier.FINAL))
                .sorted(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue)
                .toList();
    }

    private TypeElement superclass(TypeElement type) {
        TypeMirror superclass = type.getSuperclass();
        return superclass.getKind() == TypeKind.DECLARED ? (TypeElement) types.asElement(superclass) : null;
    }

    private MethodSpec readOverride(TypeElement stateClass, ExecutableElement method) {
        MethodSpec.Builder builder = MethodSpec.overriding(method, (DeclaredType) stateClass.asType(), types);
        String argumentList = String.join(", ", builder.build().parameters.stream().map(p -> p.name).toList());
        builder.addStatement("context.beforeRead(this)");
        if (method.getReturnType().getKind() == TypeKind.VOID) {
            builder.addStatement("super.$N($L)", method.getSimpleName().toString(), argumentList);
        } else {
            builder.addStatement("return super.$N($L)", method.getSimpleName().toString(), argumentList);
        }
        return builder.build();
    }

    private TypeMirror resolvedReturn(TypeElement stateClass, ExecutableElement method) {
        return ((javax.lang.model.type.ExecutableType) types.asMemberOf((DeclaredType) stateClass.asType(), method))
                .getReturnType();
    }

    private CodeBlock castArguments(ExecutableElement method) {
        CodeBlock.Builder arguments = CodeBlock.builder();
        List<? extends VariableElement> parameters = method.getParameters();
        for (int i = 0; i < parameters.size(); i++) {
            if (i > 0) {
                arguments.add(", ");
            }
            TypeName type = TypeName.get(types.erasure(parameters.get(i).asType()));
            arguments.add("($T) arguments[$L]", type.isPrimitive() ? type.box() : type, i);
        }
        return arguments.build();
    }

    private String simpleName(TypeMirror type) {
        TypeMirror erased = types.erasure(type);
        if (erased.getKind() == TypeKind.DECLARED) {
            return ((DeclaredType) erased).asElement().getSimpleName().toString();
        }
        return erased.toString();
    }

    /** {@code setValue(int)} becomes {@code SET_VALUE_INT}. */
    static String constantName(String updateId) {
        String words = updateId.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("[^A-Za-z0-9]+", "_");
        words = words.replaceAll("_+$", "").toUpperCase(java.util.Locale.ROOT);
        return "UPDATE_" + words;
    }
}
