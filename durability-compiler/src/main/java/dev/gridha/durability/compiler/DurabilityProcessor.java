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
import dev.gridha.durability.compiler.model.Mapping;
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
        AnnotationValue mappingValue = annotation.getElementValues().entrySet().stream()
                .filter(e -> e.getKey().getSimpleName().contentEquals("mapping"))
                .map(e -> (AnnotationValue) e.getValue()).findFirst().orElse(null);
        String mappingName = mappingValue == null ? "" : String.valueOf(mappingValue.getValue());
        List<String> looked = new ArrayList<>();
        Optional<byte[]> content = load(mappingName, looked);
        if (content.isEmpty()) {
            reporter.report(new Problem(ErrorCode.MAPPING_NOT_FOUND, null, "mapping '" + mappingName
                    + "' not found (looked in " + String.join(", ", looked) + "); set -A" + MAPPINGS_OPTION
                    + "=<folder> or put it on the source path"), service, annotation, mappingValue);
            return;
        }
        if (reader == null) {
            reader = new MappingReader();
        }
        MappingReader.Result result = reader.read(mappingName, content.get());
        result.problems().forEach(problem -> reporter.report(problem, service));
        if (result.mapping().isEmpty()) {
            return;
        }
        Mapping mapping = result.mapping().get();
        Validation validation = new MappingValidator(processingEnv.getElementUtils(), processingEnv.getTypeUtils())
                .validate(mapping, service);
        for (Finding finding : validation.findings()) {
            reporter.report(finding.problem(), finding.element());
        }
        if (validation.clean()) {
            generate(service, validation);
        }
    }

    private void generate(TypeElement service, Validation validation) {
        ProxyGenerator proxies = new ProxyGenerator(processingEnv.getTypeUtils());
        for (ValidatedStateObject object : validation.stateObjects()) {
            if (!generatedProxies.add(object.stateClass().getQualifiedName().toString())) {
                continue; // two services share a state class: one proxy serves both
            }
            Map<ExecutableElement, String> updates = new LinkedHashMap<>();
            object.updateMethods().forEach(method -> updates.put(method, proxies.updateId(method)));
            try {
                proxies.generate(object.stateClass(), updates).writeTo(processingEnv.getFiler());
            } catch (IOException e) {
                reporter.report(new Problem(ErrorCode.INTERNAL_ERROR, null, "could not write "
                        + ProxyGenerator.proxyName(object.stateClass()) + ": " + e.getMessage()), object.stateClass());
            }
        }
        try {
            new ServiceGenerator(processingEnv.getTypeUtils())
                    .generate(service, validation.stateFactories(), validation.stateObjects())
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
