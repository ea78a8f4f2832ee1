package dev.gridha.durability.compiler.generation;

import java.util.List;
import java.util.Map;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;

import dev.gridha.durability.compiler.validation.ValidatedStateObject;

/**
 * Generates the durable service: a subclass that carries the service's {@code @WebService}, makes every
 * state factory return a durability proxy, and brackets every public operation with an atomic action
 * (thesis startA / commitA). A normal return commits the action with the result. A checked exception the
 * operation declares (a WSDL fault such as NoMatchingMachine) is the request's answer, so the action is
 * committed with it too (the Matchmaker counts a refused job) and the fault rethrown. An unchecked exception
 * is a failure: the action is aborted, every change rolled back, and the exception rethrown unchanged.
 */
public final class ServiceGenerator {

    static final ClassName RUNTIME = ClassName.get("dev.gridha.durability.runtime", "DurabilityRuntime");
    static final ClassName ACTION = ClassName.get("dev.gridha.durability.runtime", "Action");
    static final ClassName PREVIOUS_RESULTS = ClassName.get("dev.gridha.durability.runtime", "PreviousResults");
    static final String WEB_SERVICE = "jakarta.jws.WebService";
    static final String STATE_FACTORY = "dev.gridha.durability.StateFactory";
    static final ClassName GENERATED_SERVICE = ClassName.get("dev.gridha.durability.runtime",
            "GeneratedDurableService");
    static final ClassName DURABLE_STATE = ClassName.get("dev.gridha.durability.runtime", "DurableState");

    private final Types types;

    public ServiceGenerator(Types types) {
        this.types = types;
    }

    public static ClassName durableName(TypeElement service) {
        return GeneratedNames.durable(service);
    }

    /**
     * @param factories the service's state factory methods by state-object name
     */
    public JavaFile generate(TypeElement service, Map<String, ExecutableElement> factories,
                             List<ValidatedStateObject> stateObjects) {
        return generate(service, factories, "", stateObjects, Map.of());
    }

    /**
     * @param mainName     the main mapping's file name
     * @param alternatives the alternative mappings' state objects by file name
     */
    public JavaFile generate(TypeElement service, Map<String, ExecutableElement> factories, String mainName,
                             List<ValidatedStateObject> stateObjects,
                             Map<String, List<ValidatedStateObject>> alternatives) {
        ClassName name = durableName(service);
        TypeSpec.Builder type = TypeSpec.classBuilder(name)
                .addModifiers(Modifier.PUBLIC)
                .superclass(TypeName.get(service.asType()))
                .addOriginatingElement(service)
                .addAnnotation(GeneratedNames.generated())
                .addJavadoc("{@link $T} with durable state: every operation is an atomic action.\n",
                        ClassName.get(service))
                .addSuperinterface(GENERATED_SERVICE)
                .addField(FieldSpec.builder(DescriptorGenerator.DESCRIPTOR, "DURABILITY", Modifier.PUBLIC,
                                Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("The service's durability mapping, as the compiler validated it.\n")
                        .initializer(new DescriptorGenerator(types).descriptor(service, stateObjects)).build())
                .addField(FieldSpec.builder(ParameterizedTypeName.get(ClassName.get(Map.class),
                                ClassName.get(String.class), DescriptorGenerator.DESCRIPTOR), "DURABILITY_MAPPINGS",
                                Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("Every mapping of the service by file name, the main one first; a deployment"
                                + " picks one with the context parameter gridha.mapping.\n")
                        .initializer("durabilityMappings()").build())
                .addMethod(mappings(service, mainName, alternatives))
                .addField(FieldSpec.builder(RUNTIME, "durability", Modifier.PRIVATE, Modifier.FINAL,
                        Modifier.TRANSIENT).build());
        for (AnnotationMirror annotation : service.getAnnotationMirrors()) {
            if (qualifiedName(annotation).equals(WEB_SERVICE)) {
                type.addAnnotation(AnnotationSpec.get(annotation));
            }
        }
        for (ExecutableElement constructor : ElementFilter.constructorsIn(service.getEnclosedElements())) {
            if (!constructor.getModifiers().contains(Modifier.PRIVATE)) {
                type.addMethod(constructor(constructor));
            }
        }
        for (ValidatedStateObject object : stateObjects) {
            ExecutableElement factory = factories.get(object.mapping().name());
            if (!object.keyed()) {
                type.addField(FieldSpec.builder(ProxyGenerator.proxyName(object.stateClass()),
                        singletonField(object), Modifier.PRIVATE).build());
            }
            type.addMethod(factory(service, factory, object));
        }
        type.addMethod(MethodSpec.methodBuilder("durabilityDescriptor").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).returns(DescriptorGenerator.DESCRIPTOR)
                .addStatement("return DURABILITY").build());
        type.addMethod(singletonStateObject(factories, stateObjects));
        type.addMethod(restoredStateObject(factories, stateObjects));
        for (ExecutableElement operation : operations(service)) {
            type.addMethod(operation(service, operation));
        }
        return JavaFile.builder(name.packageName(), type.build()).skipJavaLangImports(true).build();
    }

    private MethodSpec constructor(ExecutableElement constructor) {
        MethodSpec.Builder builder = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
                .addParameter(RUNTIME, "durability");
        StringBuilder arguments = new StringBuilder();
        for (VariableElement parameter : constructor.getParameters()) {
            String argument = "arg" + builder.parameters.size();
            builder.addParameter(TypeName.get(parameter.asType()), argument);
            arguments.append(arguments.length() == 0 ? "" : ", ").append(argument);
        }
        constructor.getThrownTypes().forEach(thrown -> builder.addException(TypeName.get(thrown)));
        return builder.addStatement("super($L)", arguments)
                .addStatement("this.durability = $T.requireNonNull(durability, $S)", java.util.Objects.class,
                        "durability")
                .build();
    }

    private MethodSpec mappings(TypeElement service, String mainName,
                                Map<String, List<ValidatedStateObject>> alternatives) {
        MethodSpec.Builder method = MethodSpec.methodBuilder("durabilityMappings")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(ParameterizedTypeName.get(ClassName.get(Map.class), ClassName.get(String.class),
                        DescriptorGenerator.DESCRIPTOR))
                .addStatement("$T<$T, $T> mappings = new $T<>()", Map.class, String.class,
                        DescriptorGenerator.DESCRIPTOR, java.util.LinkedHashMap.class)
                .addStatement("mappings.put($S, DURABILITY)", mainName);
        DescriptorGenerator descriptors = new DescriptorGenerator(types);
        alternatives.forEach((name, objects) -> method.addStatement("mappings.put($S, $L)", name,
                descriptors.descriptor(service, objects)));
        return method.addStatement("return $T.unmodifiableMap(mappings)", java.util.Collections.class).build();
    }

    /**
     * The state factory override: builds the proxy with its context and tells the runtime it was created
     * (on-create statements, replay registration). An unkeyed object is made once: the runtime may ask for
     * it before the service does (a backup, recovery).
     */
    private MethodSpec factory(TypeElement service, ExecutableElement factory, ValidatedStateObject object) {
        MethodSpec.Builder builder = MethodSpec.overriding(factory, (DeclaredType) service.asType(), types);
        List<String> parameters = builder.build().parameters.stream().map(p -> p.name).toList();
        String key = object.keyed() ? parameters.get(0) + " == null ? null : " + parameters.get(0) + ".value()"
                : "null";
        List<String> constructorArguments = object.keyed() ? parameters.subList(1, parameters.size()) : parameters;
        ClassName proxy = ProxyGenerator.proxyName(object.stateClass());
        String name = object.mapping().name();
        builder.beginControlFlow("if (durability == null)")
                .addStatement("throw new $T($S)", IllegalStateException.class, "state factory "
                        + factory.getSimpleName() + " called from the service's constructor; durable state"
                        + " objects must be created after construction")
                .endControlFlow();
        if (!object.keyed()) {
            builder.addModifiers(Modifier.SYNCHRONIZED)
                    .beginControlFlow("if ($N != null)", singletonField(object))
                    .addStatement("return $N", singletonField(object))
                    .endControlFlow();
        }
        builder.addStatement("$T state = new $T(durability.context($S, $L)$L)", proxy, proxy, name, key,
                constructorArguments.isEmpty() ? "" : ", " + String.join(", ", constructorArguments));
        builder.addStatement("durability.created($S, $L, state, new Object[] {$L})", name, key,
                String.join(", ", constructorArguments));
        if (!object.keyed()) {
            builder.addStatement("$N = state", singletonField(object));
        }
        return builder.addStatement("return state").build();
    }

    private MethodSpec singletonStateObject(Map<String, ExecutableElement> factories,
                                            List<ValidatedStateObject> stateObjects) {
        MethodSpec.Builder method = MethodSpec.methodBuilder("singletonStateObject").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).returns(DURABLE_STATE).addParameter(String.class, "stateObject")
                .beginControlFlow("switch (stateObject)");
        for (ValidatedStateObject object : stateObjects) {
            if (!object.keyed()) {
                ExecutableElement factory = factories.get(object.mapping().name());
                method.addCode("case $S:\n", object.mapping().name()).addStatement("$>return ($T) $N($L)$<",
                        ProxyGenerator.proxyName(object.stateClass()), factory.getSimpleName().toString(),
                        defaults(factory.getParameters()));
            }
        }
        return method.addCode("default:\n").addStatement("$>throw new $T($S + stateObject)$<",
                        IllegalArgumentException.class, "no unkeyed state object named ")
                .endControlFlow().build();
    }

    private MethodSpec restoredStateObject(Map<String, ExecutableElement> factories,
                                           List<ValidatedStateObject> stateObjects) {
        MethodSpec.Builder method = MethodSpec.methodBuilder("restoredStateObject").addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC).returns(DURABLE_STATE).addParameter(String.class, "stateObject")
                .addParameter(String.class, "key")
                .beginControlFlow("switch (stateObject)");
        for (ValidatedStateObject object : stateObjects) {
            if (object.keyed()) {
                ExecutableElement factory = factories.get(object.mapping().name());
                List<? extends VariableElement> constructorParameters =
                        factory.getParameters().subList(1, factory.getParameters().size());
                String arguments = defaults(constructorParameters);
                method.addCode("case $S:\n", object.mapping().name()).addStatement(
                        "$>return new $T(durability.context($S, key)$L)$<",
                        ProxyGenerator.proxyName(object.stateClass()), object.mapping().name(),
                        arguments.isEmpty() ? "" : ", " + arguments);
            }
        }
        return method.addCode("default:\n").addStatement("$>throw new $T($S + stateObject)$<",
                        IllegalArgumentException.class, "no keyed state object named ")
                .endControlFlow().build();
    }

    /** Zero, false or null for each parameter: what recovery constructs an object with before replaying. */
    private String defaults(List<? extends VariableElement> parameters) {
        List<String> values = new java.util.ArrayList<>();
        for (VariableElement parameter : parameters) {
            TypeKind kind = parameter.asType().getKind();
            String value = switch (kind) {
                case BOOLEAN -> "false";
                case CHAR -> "'\\0'";
                case BYTE -> "(byte) 0";
                case SHORT -> "(short) 0";
                case LONG -> "0L";
                case FLOAT -> "0f";
                case DOUBLE -> "0d";
                case INT -> "0";
                default -> "(" + TypeName.get(types.erasure(parameter.asType())) + ") null";
            };
            values.add(value);
        }
        return String.join(", ", values);
    }

    private static String singletonField(ValidatedStateObject object) {
        return "state_" + object.mapping().name();
    }

    /** The service's own public instance methods, except its state factories: the operations to bracket. */
    private List<ExecutableElement> operations(TypeElement service) {
        return ElementFilter.methodsIn(service.getEnclosedElements()).stream()
                .filter(m -> m.getModifiers().contains(Modifier.PUBLIC))
                .filter(m -> !m.getModifiers().contains(Modifier.STATIC) && !m.getModifiers().contains(Modifier.FINAL))
                .filter(m -> m.getAnnotationMirrors().stream().noneMatch(a -> qualifiedName(a).equals(STATE_FACTORY)))
                .toList();
    }

    private MethodSpec operation(TypeElement service, ExecutableElement operation) {
        MethodSpec.Builder builder = MethodSpec.overriding(operation, (DeclaredType) service.asType(), types);
        String arguments = String.join(", ", builder.build().parameters.stream().map(p -> p.name).toList());
        boolean returnsValue = operation.getReturnType().getKind() != TypeKind.VOID;
        String call = operation.getSimpleName().toString();
        // Out parameters (JAX-WS Holders of an unwrapped operation) are part of the reply: they travel with
        // the state update, after the return value if there is one.
        List<String> holders = new java.util.ArrayList<>();
        List<TypeName> holderTypes = new java.util.ArrayList<>();
        List<? extends javax.lang.model.element.VariableElement> parameters = operation.getParameters();
        for (int i = 0; i < parameters.size(); i++) {
            if (types.erasure(parameters.get(i).asType()).toString().equals(HOLDER)) {
                holders.add(builder.build().parameters.get(i).name + ".value");
                List<? extends TypeMirror> typeArguments = ((DeclaredType) parameters.get(i).asType()).getTypeArguments();
                holderTypes.add(typeArguments.isEmpty() ? TypeName.OBJECT
                        : TypeName.get(types.erasure(typeArguments.get(0))));
            }
        }
        replayPreviousResult(builder, returnsValue, holders, holderTypes);
        builder.addStatement("$T action = durability.start()", ACTION);
        if (returnsValue) {
            TypeName result = builder.build().returnType;
            builder.addStatement("$T result", result)
                    .beginControlFlow("try")
                    .addStatement("result = super.$N($L)", call, arguments);
        } else {
            builder.beginControlFlow("try").addStatement("super.$N($L)", call, arguments);
        }
        builder.nextControlFlow("catch ($T | $T failure)", RuntimeException.class, Error.class)
                .addStatement("durability.abort(action)")
                .addStatement("throw failure")
                .nextControlFlow("catch ($T fault)", Throwable.class)
                .addComment("a fault the operation declares is its answer to the request: what it changed stays")
                .addStatement("durability.commit(action, fault)")
                .addStatement("throw fault")
                .endControlFlow();
        if (!holders.isEmpty()) {
            List<String> values = new java.util.ArrayList<>();
            if (returnsValue) {
                values.add("result");
            }
            values.addAll(holders);
            builder.addStatement("durability.commit(action, new Object[] {$L})", String.join(", ", values));
            if (returnsValue) {
                builder.addStatement("return result");
            }
        } else if (returnsValue) {
            builder.addStatement("durability.commit(action, result)").addStatement("return result");
        } else {
            builder.addStatement("durability.commit(action, null)");
        }
        return builder.build();
    }

    private static final String HOLDER = "jakarta.xml.ws.Holder";

    /**
     * check_previous_requests: a request a fault-tolerant client resubmitted after a failure is answered with
     * what it got the first time (value, out parameters, or declared fault), not executed again.
     */
    private static void replayPreviousResult(MethodSpec.Builder builder, boolean returnsValue, List<String> holders,
                                             List<TypeName> holderTypes) {
        TypeName returned = builder.build().returnType;
        builder.addStatement("$T<Object> previousResult = durability.previousResult()", java.util.Optional.class)
                .beginControlFlow("if (previousResult.isPresent())")
                .addStatement("Object recorded = $T.replay(previousResult.get())", PREVIOUS_RESULTS);
        if (holders.isEmpty()) {
            if (returnsValue) {
                builder.addStatement("return ($T) recorded", returned.box());
            } else {
                builder.addStatement("return");
            }
            builder.endControlFlow();
            return;
        }
        builder.addStatement("Object[] recordedValues = (Object[]) recorded");
        int offset = returnsValue ? 1 : 0;
        for (int i = 0; i < holders.size(); i++) {
            builder.addStatement("$L = ($T) recordedValues[$L]", holders.get(i), holderTypes.get(i), i + offset);
        }
        if (returnsValue) {
            builder.addStatement("return ($T) recordedValues[0]", returned.box());
        } else {
            builder.addStatement("return");
        }
        builder.endControlFlow();
    }

    private static String qualifiedName(AnnotationMirror annotation) {
        return ((TypeElement) annotation.getAnnotationType().asElement()).getQualifiedName().toString();
    }
}
