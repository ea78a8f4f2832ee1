package dev.gridha.durability.compiler.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

import dev.gridha.durability.compiler.ErrorCode;
import dev.gridha.durability.compiler.Problem;
import dev.gridha.durability.compiler.model.Mapping;
import dev.gridha.durability.compiler.model.Mechanism;
import dev.gridha.durability.compiler.model.MethodRef;
import dev.gridha.durability.compiler.model.Position;
import dev.gridha.durability.compiler.model.Recovery;
import dev.gridha.durability.compiler.model.Sql;
import dev.gridha.durability.compiler.model.StateObjectMapping;
import dev.gridha.durability.compiler.model.UpdateRule;

/**
 * Checks a mapping against the code it maps: the service it names, each state class, that every update
 * method has exactly one rule of a kind its mechanism can carry, that SQL parameters fit the method's
 * arguments, that recovery calls fit, and that the service has a state factory for each object. Reports
 * everything it finds rather than stopping at the first fault.
 */
public final class MappingValidator {


    static final String STATE_FACTORY = "dev.gridha.durability.StateFactory";
    static final String UPDATE = "dev.gridha.durability.Update";
    static final String READ_ONLY = "dev.gridha.durability.ReadOnly";
    static final String RESOURCE_KEY = "dev.gridha.container.wsrf.ResourceKey";

    private final Elements elements;
    private final Types types;

    public MappingValidator(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    public Validation validate(Mapping mapping, TypeElement service) {
        List<Finding> findings = new ArrayList<>();
        List<ValidatedStateObject> validated = new ArrayList<>();
        String serviceName = service.getQualifiedName().toString();
        if (!serviceName.equals(mapping.serviceClass())) {
            findings.add(finding(ErrorCode.MAPPING_FOR_ANOTHER_SERVICE, mapping.servicePosition(), service,
                    "mapping is for service " + mapping.serviceClass() + ", but it is named by " + serviceName));
        }
        Map<String, ExecutableElement> factories = stateFactories(service);
        for (StateObjectMapping object : mapping.stateObjects()) {
            int before = findings.size();
            StateObjectCheck check = new StateObjectCheck(object, service, factories.get(object.name()), findings);
            check.run();
            if (findings.size() == before) {
                validated.add(new ValidatedStateObject(object, check.stateClass, check.rules, check.recoveryMethod,
                        check.keyed()));
            }
        }
        return new Validation(findings, validated, factories);
    }

    /** State factory methods of the service (and its superclasses) by state-object name. */
    private Map<String, ExecutableElement> stateFactories(TypeElement service) {
        return ElementFilter.methodsIn(elements.getAllMembers(service)).stream()
                .flatMap(method -> annotationValue(method, STATE_FACTORY, "value")
                        .map(name -> Map.entry(String.valueOf(name.getValue()), method)).stream())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
    }

    /** The checks for one state object, sharing what they have found out about its class. */
    private final class StateObjectCheck {
        private final StateObjectMapping object;
        private final TypeElement service;
        private final ExecutableElement factory;
        private final List<Finding> findings;
        private TypeElement stateClass;
        private final Set<ExecutableElement> updateMethods = new java.util.LinkedHashSet<>();
        private final Set<ExecutableElement> readOnlyMethods = new HashSet<>();
        private final Map<UpdateRule, ExecutableElement> rules = new java.util.LinkedHashMap<>();
        private Optional<ExecutableElement> recoveryMethod = Optional.empty();

        StateObjectCheck(StateObjectMapping object, TypeElement service, ExecutableElement factory,
                         List<Finding> findings) {
            this.object = object;
            this.service = service;
            this.factory = factory;
            this.findings = findings;
        }

        void run() {
            stateClass = elements.getTypeElement(object.className());
            if (stateClass == null) {
                add(ErrorCode.STATE_CLASS_NOT_FOUND, object.position(), service, "state object '" + object.name()
                        + "': class " + object.className() + " is not on the class path");
                return;
            }
            checkProxyable();
            checkFactory();
            for (UpdateRule rule : object.updates()) {
                checkRule(rule);
            }
            for (MethodRef readOnly : object.readOnly()) {
                checkReadOnly(readOnly);
            }
            object.recovery().ifPresent(this::checkRecovery);
            checkLifecycleSql();
            checkCheckpoint();
            checkEveryMethodClassified();
        }

        private void checkProxyable() {
            boolean finalClass = stateClass.getModifiers().contains(Modifier.FINAL);
            boolean constructible = ElementFilter.constructorsIn(stateClass.getEnclosedElements()).stream()
                    .anyMatch(c -> !c.getModifiers().contains(Modifier.PRIVATE));
            boolean nonStaticInner = stateClass.getNestingKind().isNested()
                    && !stateClass.getModifiers().contains(Modifier.STATIC);
            if (finalClass || !constructible || nonStaticInner || stateClass.getKind() != ElementKind.CLASS) {
                add(ErrorCode.STATE_CLASS_NOT_PROXYABLE, null, stateClass, "state object '" + object.name() + "': "
                        + object.className() + " must be a non-final top-level or static class with a"
                        + " non-private constructor, so that its durability proxy can extend it");
            }
        }

        private void checkFactory() {
            if (factory == null) {
                add(ErrorCode.STATE_FACTORY_MISSING, object.position(), service, "state object '" + object.name()
                        + "': the service has no method annotated @StateFactory(\"" + object.name() + "\")");
                return;
            }
            if (!types.isSameType(types.erasure(factory.getReturnType()), types.erasure(stateClass.asType()))) {
                add(ErrorCode.STATE_FACTORY_MISSING, null, factory, "@StateFactory(\"" + object.name()
                        + "\") must return " + object.className() + ", not " + factory.getReturnType());
            }
            Set<Modifier> modifiers = factory.getModifiers();
            if (modifiers.contains(Modifier.PRIVATE) || modifiers.contains(Modifier.FINAL)
                    || modifiers.contains(Modifier.STATIC)) {
                add(ErrorCode.STATE_FACTORY_MISSING, null, factory, "@StateFactory(\"" + object.name()
                        + "\") must be an overridable instance method (not private, final or static)");
            }
        }

        private boolean keyed() {
            return factory != null && !factory.getParameters().isEmpty()
                    && types.erasure(factory.getParameters().get(0).asType()).toString().equals(RESOURCE_KEY);
        }

        private void checkRule(UpdateRule rule) {
            Optional<ExecutableElement> method = resolve(rule.method(), rule.parameterTypes(), rule.position());
            if (method.isEmpty()) {
                return;
            }
            ExecutableElement m = method.get();
            updateMethods.add(m);
            rules.put(rule, m);
            Set<Modifier> modifiers = m.getModifiers();
            if (modifiers.contains(Modifier.FINAL) || modifiers.contains(Modifier.PRIVATE)
                    || modifiers.contains(Modifier.STATIC)) {
                add(ErrorCode.UPDATE_METHOD_NOT_OVERRIDABLE, rule.position(), m, "update method " + m.getSimpleName()
                        + " must be an overridable instance method (not private, final or static): its proxy"
                        + " records each call by overriding it");
            }
            if (annotated(m, READ_ONLY)) {
                add(ErrorCode.METHOD_BOTH_UPDATE_AND_READ_ONLY, rule.position(), m, "method " + m.getSimpleName()
                        + " is @ReadOnly but the mapping gives it an update rule");
            }
            checkRuleKind(rule, m);
            for (Sql sql : rule.statements()) {
                checkSql(sql, m.getParameters().stream().map(p -> p.asType()).toList(), m);
            }
        }

        private void checkRuleKind(UpdateRule rule, ExecutableElement method) {
            Mechanism mechanism = object.mechanism();
            boolean allowed = switch (mechanism) {
                case DATABASE -> rule.kind() == UpdateRule.Kind.SQL;
                case REPLICATION -> rule.kind() != UpdateRule.Kind.SQL;
                case RECONSTRUCTION -> false;
            };
            if (!allowed) {
                String why = mechanism == Mechanism.RECONSTRUCTION
                        ? "reconstruction keeps nothing, so it takes no update rules"
                        : mechanism == Mechanism.DATABASE ? "the database mechanism needs <sql>"
                        : "the replication mechanism needs <repeat/> or <serialize/>";
                add(ErrorCode.RULE_NOT_FOR_MECHANISM, rule.position(), method, "state object '" + object.name()
                        + "' (" + mechanism.xmlValue() + "): rule for " + rule.method() + " is "
                        + rule.kind().name().toLowerCase(java.util.Locale.ROOT) + "; " + why);
            }
            if (rule.kind() == UpdateRule.Kind.SERIALIZE && !serializable(stateClass.asType())) {
                add(ErrorCode.NOT_SERIALIZABLE, rule.position(), stateClass, "rule <serialize/> for "
                        + rule.method() + " ships the whole object, but " + object.className()
                        + " is not java.io.Serializable");
            }
        }

        private void checkSql(Sql sql, List<TypeMirror> arguments, Element at) {
            for (SqlParameters.Parameter parameter : SqlParameters.of(sql.text())) {
                if (parameter.unknown()) {
                    add(ErrorCode.SQL_PARAMETER_UNKNOWN, sql.position(), at, "SQL parameter " + parameter.text()
                            + " is neither :key nor :argN (N counted from 0)");
                } else if (parameter.argument().isEmpty()) {
                    if (!keyed()) {
                        add(ErrorCode.SQL_PARAMETER_UNKNOWN, sql.position(), at, "SQL uses :key, but state object '"
                                + object.name() + "' is not keyed: its @StateFactory does not take a ResourceKey"
                                + " first");
                    }
                } else {
                    int index = parameter.argument().get();
                    if (index >= arguments.size()) {
                        add(ErrorCode.SQL_ARGUMENT_OUT_OF_RANGE, sql.position(), at, "SQL references arg[" + index
                                + "] but " + describe(at) + " has " + arguments.size() + " parameter"
                                + (arguments.size() == 1 ? "" : "s"));
                    } else if (parameter.accessor().isPresent()
                            && !hasAccessor(arguments.get(index), parameter.accessor().get())) {
                        add(ErrorCode.SQL_ACCESSOR_NOT_FOUND, sql.position(), at, "SQL uses " + parameter.text()
                                + ", but " + arguments.get(index) + " has no public method "
                                + parameter.accessor().get() + "() or " + getter(parameter.accessor().get()) + "()");
                    }
                }
            }
        }

        private void checkLifecycleSql() {
            List<TypeMirror> factoryArguments = factory == null ? List.of()
                    : factory.getParameters().stream().skip(keyed() ? 1 : 0).map(p -> p.asType()).toList();
            Element at = factory != null ? factory : service;
            object.onCreate().forEach(sql -> checkSql(sql, factoryArguments, at));
            object.onDestroy().forEach(sql -> checkSql(sql, List.of(), at));
            object.initialization().forEach(sql -> checkSql(sql, List.of(), at));
            if (object.mechanism() != Mechanism.DATABASE
                    && !(object.initialization().isEmpty() && object.onCreate().isEmpty()
                    && object.onDestroy().isEmpty())) {
                add(ErrorCode.RULE_NOT_FOR_MECHANISM, object.position(), stateClass, "state object '"
                        + object.name() + "' (" + object.mechanism().xmlValue() + ") has SQL, which only the"
                        + " database mechanism runs");
            }
        }

        private void checkReadOnly(MethodRef readOnly) {
            List<ExecutableElement> candidates = methodsNamed(readOnly.method());
            if (candidates.isEmpty()) {
                add(ErrorCode.READ_ONLY_METHOD_NOT_FOUND, readOnly.position(), stateClass, "read-only method "
                        + readOnly.method() + " is not a public method of " + object.className());
                return;
            }
            for (ExecutableElement method : candidates) {
                if (updateMethods.contains(method)) {
                    add(ErrorCode.METHOD_BOTH_UPDATE_AND_READ_ONLY, readOnly.position(), method, "method "
                            + readOnly.method() + " has an update rule and is listed as read-only");
                }
                if (annotated(method, UPDATE)) {
                    add(ErrorCode.METHOD_BOTH_UPDATE_AND_READ_ONLY, readOnly.position(), method, "method "
                            + readOnly.method() + " is @Update but the mapping lists it as read-only");
                }
                readOnlyMethods.add(method);
            }
        }

        private void checkRecovery(Recovery recovery) {
            if (object.mechanism() != Mechanism.DATABASE) {
                add(ErrorCode.RECOVERY_NOT_FOR_MECHANISM, recovery.callPosition(), stateClass, "state object '"
                        + object.name() + "' (" + object.mechanism().xmlValue() + "): only the database mechanism"
                        + " recovers from a query");
                return;
            }
            if (recovery.keyColumn().isPresent() && !keyed()) {
                add(ErrorCode.RECOVERY_NOT_FOR_MECHANISM, recovery.callPosition(), stateClass, "recovery names a"
                        + " key column, but state object '" + object.name() + "' is not keyed (its @StateFactory"
                        + " does not take a ResourceKey first)");
            }
            checkSql(recovery.query(), List.of(), stateClass);
            List<ExecutableElement> candidates = methodsNamed(recovery.method()).stream()
                    .filter(m -> m.getParameters().size() == recovery.columns().size())
                    .filter(m -> recovery.parameterTypes().map(types -> parameterNames(m).equals(types)).orElse(true))
                    .toList();
            if (candidates.size() != 1) {
                add(ErrorCode.RECOVERY_CALL_MISMATCH, recovery.callPosition(), stateClass, "recovery calls "
                        + recovery.method() + " with " + recovery.columns().size() + " column"
                        + (recovery.columns().size() == 1 ? "" : "s")
                        + recovery.parameterTypes().map(types -> " and parameters " + types).orElse("") + ", but "
                        + object.className() + " has "
                        + (candidates.isEmpty() ? "no public method " + recovery.method() + " that fits"
                        : candidates.size() + " such methods; say which with parameters=\"...\""));
            } else if (!updateMethods.contains(candidates.get(0))) {
                add(ErrorCode.RECOVERY_CALL_MISMATCH, recovery.callPosition(), stateClass, "recovery calls "
                        + recovery.method() + ", which has no update rule: recovery replays an update, so the"
                        + " mapping must give " + recovery.method() + " one");
            } else {
                recoveryMethod = Optional.of(candidates.get(0));
            }
        }

        private void checkCheckpoint() {
            if (object.checkpoint().filter("serialize"::equals).isPresent() && !serializable(stateClass.asType())) {
                add(ErrorCode.NOT_SERIALIZABLE, object.position(), stateClass, "state object '" + object.name()
                        + "' checkpoints by serialization, but " + object.className()
                        + " is not java.io.Serializable");
            }
        }

        private void checkEveryMethodClassified() {
            if (object.mechanism() == Mechanism.RECONSTRUCTION) {
                return;
            }
            for (ExecutableElement method : publicInstanceMethods()) {
                boolean classified = updateMethods.contains(method) || readOnlyMethods.contains(method)
                        || annotated(method, READ_ONLY);
                if (!classified) {
                    String hint = annotated(method, UPDATE) ? "it is @Update but the mapping has no rule for it"
                            : "give it an <update> rule, list it as <read-only>, or annotate it @ReadOnly";
                    add(ErrorCode.METHOD_NOT_CLASSIFIED, object.position(), method, "state object '"
                            + object.name() + "': method " + method.getSimpleName() + " is neither an update nor"
                            + " read-only: " + hint);
                }
            }
        }

        private Optional<ExecutableElement> resolve(String name, Optional<List<String>> parameterTypes,
                                                    Position position) {
            List<ExecutableElement> candidates = methodsNamed(name);
            if (candidates.isEmpty()) {
                add(ErrorCode.UPDATE_METHOD_NOT_FOUND, position, stateClass, "state object '" + object.name()
                        + "': update rule names method " + name + ", which " + object.className()
                        + " does not have (as a public method)");
                return Optional.empty();
            }
            if (parameterTypes.isPresent()) {
                List<ExecutableElement> matching = candidates.stream()
                        .filter(m -> parameterNames(m).equals(parameterTypes.get())).toList();
                if (matching.size() == 1) {
                    return Optional.of(matching.get(0));
                }
                add(ErrorCode.OVERLOAD_AMBIGUOUS, position, stateClass, "no method " + name
                        + parameterTypes.get() + " in " + object.className() + "; it has "
                        + candidates.stream().map(m -> name + parameterNames(m)).toList());
                return Optional.empty();
            }
            if (candidates.size() > 1) {
                add(ErrorCode.OVERLOAD_AMBIGUOUS, position, stateClass, "method " + name + " is overloaded in "
                        + object.className() + "; say which with parameters=\"...\": "
                        + candidates.stream().map(m -> String.join(", ", parameterNames(m))).toList());
                return Optional.empty();
            }
            return Optional.of(candidates.get(0));
        }

        private List<ExecutableElement> methodsNamed(String name) {
            return publicInstanceMethods().stream()
                    .filter(m -> m.getSimpleName().contentEquals(name)).toList();
        }

        /** Public non-static methods of the state class and its superclasses, except Object's. */
        private List<ExecutableElement> publicInstanceMethods() {
            TypeElement object = elements.getTypeElement("java.lang.Object");
            return ElementFilter.methodsIn(elements.getAllMembers(stateClass)).stream()
                    .filter(m -> m.getModifiers().contains(Modifier.PUBLIC))
                    .filter(m -> !m.getModifiers().contains(Modifier.STATIC))
                    .filter(m -> !m.getEnclosingElement().equals(object))
                    .toList();
        }

        private void add(ErrorCode code, Position position, Element element, String message) {
            findings.add(finding(code, position, element, message));
        }
    }

    private List<String> parameterNames(ExecutableElement method) {
        return method.getParameters().stream().map(p -> simpleTypeName(p.asType())).toList();
    }

    /** A parameter type as a person writes it in the mapping: {@code int}, {@code String}, {@code Resources}. */
    private String simpleTypeName(TypeMirror type) {
        TypeMirror erased = types.erasure(type);
        if (erased.getKind() == TypeKind.DECLARED) {
            return ((DeclaredType) erased).asElement().getSimpleName().toString();
        }
        return erased.toString();
    }

    private boolean hasAccessor(TypeMirror type, String accessor) {
        if (type.getKind() != TypeKind.DECLARED) {
            return false;
        }
        TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
        return ElementFilter.methodsIn(elements.getAllMembers(element)).stream()
                .filter(m -> m.getModifiers().contains(Modifier.PUBLIC) && m.getParameters().isEmpty())
                .map(m -> m.getSimpleName().toString())
                .anyMatch(name -> name.equals(accessor) || name.equals(getter(accessor)));
    }

    private static String getter(String property) {
        return "get" + Character.toUpperCase(property.charAt(0)) + property.substring(1);
    }

    private boolean serializable(TypeMirror type) {
        TypeElement serializable = elements.getTypeElement("java.io.Serializable");
        return serializable != null && types.isAssignable(type, serializable.asType());
    }

    private static boolean annotated(Element element, String annotation) {
        return element.getAnnotationMirrors().stream()
                .anyMatch(m -> ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName()
                        .contentEquals(annotation));
    }

    /** The value of an annotation's attribute, or empty when the element lacks the annotation or the value. */
    static Optional<AnnotationValue> annotationValue(Element element, String annotation, String attribute) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(annotation)) {
                return mirror.getElementValues().entrySet().stream()
                        .filter(e -> e.getKey().getSimpleName().contentEquals(attribute))
                        .map(e -> (AnnotationValue) e.getValue()).findFirst();
            }
        }
        return Optional.empty();
    }

    private static String describe(Element element) {
        return element.getKind() == ElementKind.METHOD ? "method " + element.getSimpleName()
                : element.getSimpleName().toString();
    }

    private static Finding finding(ErrorCode code, Position position, Element element, String message) {
        return new Finding(new Problem(code, position, message), element);
    }
}
