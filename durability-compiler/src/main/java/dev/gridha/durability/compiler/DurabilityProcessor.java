package dev.gridha.durability.compiler;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

import dev.gridha.durability.compiler.mapping.MappingReader;
import dev.gridha.durability.compiler.generation.ProxyGenerator;
import dev.gridha.durability.compiler.generation.ServiceGenerator;
import dev.gridha.durability.compiler.validation.Finding;
import dev.gridha.durability.compiler.validation.MappingValidator;
import dev.gridha.durability.compiler.validation.ValidatedStateObject;
import dev.gridha.durability.compiler.validation.Validation;

/**
 * The durability compiler's entry point: handles javac's rounds and nothing else. For each
 * {@code @DurableService} it finds the mapping, has {@link MappingReader} read it and
 * {@link MappingValidator} check it against the code, and reports through the one {@link ErrorReporter}.
 * A failure inside the compiler becomes a DUR-999 error on the service, never an exception in javac.
 *
 * <p>Processor option {@value #MAPPINGS_OPTION}: the folder holding the mappings; without it, mappings are
 * looked up on the source path.
 */
public final class DurabilityProcessor extends AbstractProcessor {

    public static final String MAPPINGS_OPTION = "gridha.mappings";
    static final String DURABLE_SERVICE = "dev.gridha.durability.DurableService";

    private ErrorReporter reporter;
    private MappingReader reader;
    private final Set<String> generatedProxies = new java.util.HashSet<>();

    @Override
    public synchronized void init(ProcessingEnvironment environment) {
        super.init(environment);
        reporter = new ErrorReporter(environment.getMessager());
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(DURABLE_SERVICE);
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(MAPPINGS_OPTION);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        TypeElement durableService = processingEnv.getElementUtils().getTypeElement(DURABLE_SERVICE);
        if (durableService == null) {
            return false;
        }
        for (TypeElement service : ElementFilter.typesIn(round.getElementsAnnotatedWith(durableService))) {
            try {
                process(service);
            } catch (RuntimeException e) {
                reporter.report(new Problem(ErrorCode.INTERNAL_ERROR, null, "the durability compiler failed on "
                        + service.getQualifiedName() + ": " + e + " (please report this)"), service);
            }
        }
        return true;
    }

    private void process(TypeElement service) {
        AnnotationMirror annotation = mirror(service);
        AnnotationValue mappingValue = member(annotation, "mapping");
        String mappingName = mappingValue == null ? "" : String.valueOf(mappingValue.getValue());
        Optional<Validation> main = validate(service, annotation, mappingValue, mappingName);
        Map<String, Validation> alternatives = new LinkedHashMap<>();
        boolean alternativesClean = true;
        AnnotationValue alternativesValue = member(annotation, "alternatives");
        if (alternativesValue != null) {
            for (Object item : (List<?>) alternativesValue.getValue()) {
                AnnotationValue value = (AnnotationValue) item;
                String name = String.valueOf(value.getValue());
                Optional<Validation> alternative = validate(service, annotation, value, name);
                if (alternative.isPresent() && alternative.get().clean() && main.isPresent()) {
                    alternativesClean &= sameStateObjects(service, annotation, value, name, main.get(),
                            alternative.get());
                    alternatives.put(name, alternative.get());
                } else {
                    alternativesClean = false;
                }
            }
        }
        if (main.isPresent() && main.get().clean() && alternativesClean) {
            generate(service, mappingName, main.get(), alternatives);
        }
    }

    private static AnnotationValue member(AnnotationMirror annotation, String name) {
        return annotation.getElementValues().entrySet().stream()
                .filter(e -> e.getKey().getSimpleName().contentEquals(name))
                .map(e -> (AnnotationValue) e.getValue()).findFirst().orElse(null);
    }

    /** Reads one mapping and checks it against the service; empty if it could not be read at all. */
    private Optional<Validation> validate(TypeElement service, AnnotationMirror annotation, AnnotationValue value,
                                          String mappingName) {
        List<String> looked = new ArrayList<>();
        Optional<byte[]> content = load(mappingName, looked);
        if (content.isEmpty()) {
            reporter.report(new Problem(ErrorCode.MAPPING_NOT_FOUND, null, "mapping '" + mappingName
                    + "' not found (looked in " + String.join(", ", looked) + "); set -A" + MAPPINGS_OPTION
                    + "=<folder> or put it on the source path"), service, annotation, value);
            return Optional.empty();
        }
        if (reader == null) {
            reader = new MappingReader();
        }
        MappingReader.Result result = reader.read(mappingName, content.get());
        result.problems().forEach(problem -> reporter.report(problem, service));
        if (result.mapping().isEmpty()) {
            return Optional.empty();
        }
        Validation validation = new MappingValidator(processingEnv.getElementUtils(), processingEnv.getTypeUtils())
                .validate(result.mapping().get(), service);
        for (Finding finding : validation.findings()) {
            reporter.report(finding.problem(), finding.element());
        }
        return Optional.of(validation);
    }

    /** An alternative must map the same state objects: the service creates them by name whatever the mapping. */
    private boolean sameStateObjects(TypeElement service, AnnotationMirror annotation, AnnotationValue value,
                                     String name, Validation main, Validation alternative) {
        Set<String> expected = names(main);
        Set<String> actual = names(alternative);
        if (expected.equals(actual)) {
            return true;
        }
        reporter.report(new Problem(ErrorCode.ALTERNATIVE_MAPPING_MISMATCH, null, "alternative mapping '" + name
                + "' maps state objects " + actual + ", the main mapping " + expected
                + ": every mapping of a service must map the same state objects"), service, annotation, value);
        return false;
    }

    private static Set<String> names(Validation validation) {
        Set<String> names = new java.util.TreeSet<>();
        validation.stateObjects().forEach(object -> names.add(object.mapping().name()));
        return names;
    }

    private void generate(TypeElement service, String mainName, Validation main,
                          Map<String, Validation> alternatives) {
        ProxyGenerator proxies = new ProxyGenerator(processingEnv.getTypeUtils());
        // A proxy reports every method that any of the service's mappings treats as an update.
        Map<TypeElement, Map<ExecutableElement, String>> updatesByClass = new LinkedHashMap<>();
        List<Validation> all = new ArrayList<>(List.of(main));
        all.addAll(alternatives.values());
        for (Validation validation : all) {
            for (ValidatedStateObject object : validation.stateObjects()) {
                Map<ExecutableElement, String> updates = updatesByClass.computeIfAbsent(object.stateClass(),
                        k -> new LinkedHashMap<>());
                object.updateMethods().forEach(method -> updates.put(method, proxies.updateId(method)));
            }
        }
        for (Map.Entry<TypeElement, Map<ExecutableElement, String>> proxy : updatesByClass.entrySet()) {
            if (!generatedProxies.add(proxy.getKey().getQualifiedName().toString())) {
                continue; // two services share a state class: one proxy serves both
            }
            try {
                proxies.generate(proxy.getKey(), proxy.getValue()).writeTo(processingEnv.getFiler());
            } catch (IOException e) {
                reporter.report(new Problem(ErrorCode.INTERNAL_ERROR, null, "could not write "
                        + ProxyGenerator.proxyName(proxy.getKey()) + ": " + e.getMessage()), proxy.getKey());
            }
        }
        Map<String, List<ValidatedStateObject>> alternativeObjects = new LinkedHashMap<>();
        alternatives.forEach((name, validation) -> alternativeObjects.put(name, validation.stateObjects()));
        try {
            new ServiceGenerator(processingEnv.getTypeUtils())
                    .generate(service, main.stateFactories(), mainName, main.stateObjects(), alternativeObjects)
                    .writeTo(processingEnv.getFiler());
        } catch (IOException e) {
            reporter.report(new Problem(ErrorCode.INTERNAL_ERROR, null, "could not write "
                    + ServiceGenerator.durableName(service) + ": " + e.getMessage()), service);
        }
    }

    private AnnotationMirror mirror(Element service) {
        return service.getAnnotationMirrors().stream()
                .filter(m -> ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName()
                        .contentEquals(DURABLE_SERVICE))
                .findFirst().orElseThrow();
    }

    private Optional<byte[]> load(String mappingName, List<String> looked) {
        if (mappingName.isBlank() || mappingName.contains("..")) {
            looked.add("nowhere: the name must be a plain relative path");
            return Optional.empty();
        }
        String folder = processingEnv.getOptions().get(MAPPINGS_OPTION);
        if (folder != null) {
            Path file = Path.of(folder).resolve(mappingName);
            looked.add(file.toString());
            if (Files.isRegularFile(file)) {
                try {
                    if (Files.size(file) > MappingReader.MAX_BYTES) {
                        return Optional.of(new byte[MappingReader.MAX_BYTES + 1]);
                    }
                    return Optional.of(Files.readAllBytes(file));
                } catch (IOException e) {
                    looked.add(file + " (unreadable: " + e.getMessage() + ")");
                }
            }
        }
        looked.add("the source path");
        try {
            FileObject resource = processingEnv.getFiler().getResource(StandardLocation.SOURCE_PATH, "", mappingName);
            try (InputStream in = resource.openInputStream()) {
                return Optional.of(in.readNBytes(MappingReader.MAX_BYTES + 1));
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
