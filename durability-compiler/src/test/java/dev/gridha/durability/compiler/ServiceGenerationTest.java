package dev.gridha.durability.compiler;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.google.testing.compile.Compilation;

import dev.gridha.durability.runtime.Action;
import dev.gridha.durability.runtime.ActionScope;
import dev.gridha.durability.runtime.DurabilityRuntime;
import dev.gridha.durability.runtime.DurableState;
import dev.gridha.durability.runtime.GeneratedDurableService;
import dev.gridha.durability.runtime.mapping.CheckpointStrategy;
import dev.gridha.durability.runtime.mapping.DurabilityDescriptor;
import dev.gridha.durability.runtime.mapping.Mechanism;
import dev.gridha.durability.runtime.mapping.StateObjectDescriptor;
import dev.gridha.durability.runtime.StateContext;

/** The generated durable service: its annotations, its factories, and the action bracket around operations. */
class ServiceGenerationTest {

    /** A runtime that records the brackets and the updates in the order they happen. */
    static final class RecordingRuntime implements DurabilityRuntime {
        final List<String> events = new ArrayList<>();
        private final ActionScope scope = new ActionScope(action -> { });

        @Override
        public StateContext context(String stateObject, String key) {
            events.add("context " + stateObject + " " + key);
            return new ProxyGenerationTest.RecordingContext(events);
        }

        @Override
        public void created(String stateObject, String key, DurableState object, Object[] arguments) {
            events.add("created " + stateObject + " " + key + " " + java.util.Arrays.toString(arguments));
        }

        @Override
        public Action start() {
            events.add("start");
            return scope.start("request");
        }

        @Override
        public void commit(Action action, Object result) {
            events.add("commit " + (result instanceof Object[] values ? java.util.Arrays.toString(values) : result));
            scope.commit(action);
        }

        @Override
        public void abort(Action action) {
            events.add("abort");
            scope.abort(action);
        }
    }

    private final CompilerFixture fixture = new CompilerFixture()
            .service("@DurableService(mapping = \"counter.xml\")",
                    "@jakarta.jws.WebService(serviceName = \"CounterService\", targetNamespace = \"urn:test\")\n"
                            + "@DurableService(mapping = \"counter.xml\")")
            .service("        return new Counter(initial);\n    }",
                    "        return new Counter(initial);\n    }\n\n"
                            + "    private final java.util.Map<String, Counter> counters = new java.util.HashMap<>();\n\n"
                            + "    public String create(String key, int initial) {\n"
                            + "        counters.put(key, newCounter(new ResourceKey(key), initial));\n"
                            + "        return key;\n    }\n\n"
                            + "    public int add(String key, int amount) throws java.io.IOException {\n"
                            + "        if (amount < 0) {\n            throw new java.io.IOException(\"negative\");\n        }\n"
                            + "        if (amount > 1000) {\n            counters.get(key).setValue(-1);\n"
                            + "            throw new IllegalStateException(\"bug\");\n        }\n"
                            + "        Counter counter = counters.get(key);\n"
                            + "        counter.setValue(counter.getValue() + amount);\n"
                            + "        return counter.getValue();\n    }");

    @Test
    void theDurableServiceKeepsTheWebServiceAnnotation() {
        Compilation compilation = fixture.compile();
        assertThat(compilation).succeeded();
        assertThat(compilation).generatedSourceFile("test.Durable_CounterService").contentsAsUtf8String()
                .contains("@WebService(");
        assertThat(compilation).generatedSourceFile("test.Durable_CounterService").contentsAsUtf8String()
                .contains("public class Durable_CounterService extends CounterService");
    }

    @Test
    void everyOperationIsAnActionAndStateFactoriesMakeProxies() throws Exception {
        RecordingRuntime runtime = new RecordingRuntime();
        Object service = newService(fixture.compile(), runtime);

        service.getClass().getMethod("create", String.class, int.class).invoke(service, "k1", 1);
        Object value = service.getClass().getMethod("add", String.class, int.class).invoke(service, "k1", 5);

        assertThat(value).isEqualTo(6);
        assertThat(runtime.events).containsExactly(
                "start", "context counter k1", "created counter k1 [1]", "commit k1",
                "start", "read", "before", "setValue(int)[6]", "read", "commit 6");
    }

    @Test
    void aDeclaredFaultIsTheRequestsAnswerSoTheActionIsCommittedAndTheFaultRethrown() throws Exception {
        RecordingRuntime runtime = new RecordingRuntime();
        Object service = newService(fixture.compile(), runtime);
        service.getClass().getMethod("create", String.class, int.class).invoke(service, "k1", 1);
        runtime.events.clear();

        assertThatThrownBy(() -> service.getClass().getMethod("add", String.class, int.class).invoke(service, "k1", -1))
                .isInstanceOf(InvocationTargetException.class)
                .cause().isInstanceOf(java.io.IOException.class).hasMessage("negative");
        assertThat(runtime.events).containsExactly("start", "commit java.io.IOException: negative");
    }

    @Test
    void anUncheckedFailureAbortsTheActionAndReachesTheCallerUnchanged() throws Exception {
        RecordingRuntime runtime = new RecordingRuntime();
        Object service = newService(fixture.compile(), runtime);
        service.getClass().getMethod("create", String.class, int.class).invoke(service, "k1", 1);
        runtime.events.clear();

        assertThatThrownBy(() -> service.getClass().getMethod("add", String.class, int.class).invoke(service, "k1", 5000))
                .isInstanceOf(InvocationTargetException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("bug");
        assertThat(runtime.events).containsExactly("start", "before", "setValue(int)[-1]", "abort");
    }

    @Test
    void theGeneratedServiceCarriesItsValidatedMappingAsADescriptor() throws Exception {
        Compilation compilation = fixture.compile();
        assertThat(compilation).succeeded();
        Class<?> durable = new CompiledClasses(compilation).loadClass("test.Durable_CounterService");

        DurabilityDescriptor descriptor = (DurabilityDescriptor) durable.getField("DURABILITY").get(null);

        assertThat(descriptor.service()).isEqualTo("test.CounterService");
        StateObjectDescriptor counter = descriptor.stateObject("counter");
        assertThat(counter.mechanism()).isEqualTo(Mechanism.DATABASE);
        assertThat(counter.keyed()).isTrue();
        assertThat(counter.initialization()).containsExactly("CREATE TABLE c (k VARCHAR(64) PRIMARY KEY, v INT)");
        assertThat(counter.onCreate()).containsExactly("INSERT INTO c VALUES (:key, :arg0)");
        assertThat(counter.updates()).containsOnlyKeys("setValue(int)");
        assertThat(counter.updates().get("setValue(int)").sql()).containsExactly("UPDATE c SET v = :arg0 WHERE k = :key");
        assertThat(counter.recovery()).hasValueSatisfying(recovery -> {
            assertThat(recovery.query()).isEqualTo("SELECT k, v FROM c");
            assertThat(recovery.keyColumn()).contains("k");
            assertThat(recovery.updateId()).isEqualTo("setValue(int)");
            assertThat(recovery.columns()).containsExactly("v");
        });
        // Counter is not Serializable and has recovery: rolled back by reloading its row
        assertThat(counter.checkpoint()).isEqualTo(CheckpointStrategy.RECOVER);
    }

    @Test
    void alternativeMappingsTravelBesideTheMainOneInOneWar() throws Exception {
        String replicated = """
                <?xml version="1.0" encoding="UTF-8"?>
                <durability-mapping xmlns="http://gridha.dev/durability-mapping/1" service="test.CounterService">
                  <state-object name="counter" class="test.Counter" mechanism="replication">
                    <update method="setValue"><repeat/></update>
                  </state-object>
                </durability-mapping>
                """;
        Compilation compilation = fixture.extraMapping("replicated.xml", replicated)
                .service("@DurableService(mapping = \"counter.xml\")",
                        "@DurableService(mapping = \"counter.xml\", alternatives = \"replicated.xml\")").compile();
        assertThat(compilation).succeeded();
        Class<?> durable = new CompiledClasses(compilation).loadClass("test.Durable_CounterService");

        @SuppressWarnings("unchecked")
        Map<String, DurabilityDescriptor> mappings = (Map<String, DurabilityDescriptor>)
                durable.getField("DURABILITY_MAPPINGS").get(null);

        assertThat(mappings).containsOnlyKeys("counter.xml", "replicated.xml");
        assertThat(mappings.keySet()).first().isEqualTo("counter.xml");
        assertThat(mappings.get("counter.xml").stateObject("counter").mechanism()).isEqualTo(Mechanism.DATABASE);
        assertThat(mappings.get("replicated.xml").stateObject("counter").mechanism()).isEqualTo(Mechanism.REPLICATION);
        assertThat(mappings.get("replicated.xml").stateObject("counter").updates().get("setValue(int)").kind())
                .isEqualTo(dev.gridha.durability.runtime.mapping.UpdateDescriptor.Kind.REPEAT);
    }

    @Test
    void recoveryBuildsAKeyedObjectWithoutItsCreationStatements() throws Exception {
        RecordingRuntime runtime = new RecordingRuntime();
        GeneratedDurableService service = (GeneratedDurableService) newService(fixture.compile(), runtime);

        DurableState restored = service.restoredStateObject("counter", "k7");
        restored.replay("setValue(int)", new Object[] {42});

        assertThat(runtime.events).containsExactly("context counter k7");
        assertThat(restored.getClass().getSuperclass().getMethod("getValue").invoke(restored)).isEqualTo(42);
        assertThatThrownBy(() -> service.singletonStateObject("counter"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no unkeyed state object");
    }

    @Test
    void anUnkeyedStateObjectIsMadeOnceWhoeverAsksFirst() throws Exception {
        Compilation compilation = fixture
                .service("protected Counter newCounter(ResourceKey key, int initial) {",
                        "protected Counter newCounter(int initial) {")
                .service("newCounter(new ResourceKey(key), initial)", "newCounter(initial)")
                .mapping("<on-create><sql>INSERT INTO c VALUES (:key, :arg0)</sql></on-create>", "")
                .mapping("<key-column>k</key-column>", "")
                .mapping("WHERE k = :key", "")
                .compile();
        RecordingRuntime runtime = new RecordingRuntime();
        GeneratedDurableService service = (GeneratedDurableService) newService(compilation, runtime);

        DurableState first = service.singletonStateObject("counter");
        service.getClass().getMethod("create", String.class, int.class).invoke(service, "k1", 5);

        assertThat(service.singletonStateObject("counter")).isSameAs(first);
        assertThat(runtime.events).containsExactly("context counter null", "created counter null [0]",
                "start", "commit k1");
    }

    @Test
    void outParametersTravelAsTheResult() throws Exception {
        Compilation compilation = fixture.service("    public String create(String key, int initial) {",
                "    public void describe(String key, jakarta.xml.ws.Holder<Integer> value,\n"
                        + "            jakarta.xml.ws.Holder<String> label) {\n"
                        + "        value.value = counters.get(key).getValue();\n"
                        + "        label.value = \"counter \" + key;\n    }\n\n"
                        + "    public String create(String key, int initial) {").compile();
        RecordingRuntime runtime = new RecordingRuntime();
        Object service = newService(compilation, runtime);
        service.getClass().getMethod("create", String.class, int.class).invoke(service, "k1", 4);
        runtime.events.clear();

        jakarta.xml.ws.Holder<Integer> value = new jakarta.xml.ws.Holder<>();
        jakarta.xml.ws.Holder<String> label = new jakarta.xml.ws.Holder<>();
        service.getClass().getMethod("describe", String.class, jakarta.xml.ws.Holder.class,
                jakarta.xml.ws.Holder.class).invoke(service, "k1", value, label);

        assertThat(value.value).isEqualTo(4);
        assertThat(runtime.events).containsExactly("start", "read", "commit [4, counter k1]");
    }

    private static Object newService(Compilation compilation, DurabilityRuntime runtime) throws Exception {
        assertThat(compilation).succeeded();
        return new CompiledClasses(compilation).loadClass("test.Durable_CounterService")
                .getConstructor(DurabilityRuntime.class).newInstance(runtime);
    }
}
