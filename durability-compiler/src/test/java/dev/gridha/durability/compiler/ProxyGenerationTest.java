package dev.gridha.durability.compiler;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.testing.compile.Compilation;

import dev.gridha.durability.runtime.DurableState;
import dev.gridha.durability.runtime.StateContext;

/** The generated proxy, read as source and run as code. */
class ProxyGenerationTest {

    /** Records what a proxy reports, as a mechanism would see it. */
    static final class RecordingContext implements StateContext {
        final List<String> events;

        RecordingContext() {
            this(new ArrayList<>());
        }

        RecordingContext(List<String> events) {
            this.events = events;
        }

        @Override
        public void beforeRead(DurableState object) {
            events.add("read");
        }

        @Override
        public void beforeUpdate(DurableState object) {
            events.add("before");
        }

        @Override
        public void updated(DurableState object, String update, Object[] arguments) {
            events.add(update + Arrays.toString(arguments));
        }
    }

    private final CompilerFixture fixture = new CompilerFixture();

    @Test
    void theProxyExtendsTheStateClassAndIsMarkedGenerated() {
        Compilation compilation = fixture.compile();
        assertThat(compilation).succeeded();
        assertThat(compilation).generatedSourceFile("test.Durable_Counter").contentsAsUtf8String()
                .contains("public final class Durable_Counter extends Counter implements DurableState");
        assertThat(compilation).generatedSourceFile("test.Durable_Counter").contentsAsUtf8String()
                .contains("@Generated(\"dev.gridha.durability.compiler.DurabilityProcessor\")");
    }

    @Test
    void anUpdateIsReportedAroundTheRealCallAndAReadIsAnnouncedBeforeIt() throws Exception {
        RecordingContext context = new RecordingContext();
        Object counter = newProxy(fixture.compile(), "test.Durable_Counter", context, 10);

        counter.getClass().getMethod("setValue", int.class).invoke(counter, 5);
        Object value = counter.getClass().getMethod("getValue").invoke(counter);

        assertThat(value).isEqualTo(5);
        assertThat(context.events).containsExactly("before", "setValue(int)[5]", "read");
    }

    @Test
    void objectMethodsAndFinalReadsAreNotAnnouncedAsReads() throws Exception {
        fixture.counter("    public void setValue(int value) {",
                "    @ReadOnly\n    @Override\n    public String toString() {\n        return \"c\" + value;\n    }\n\n"
                        + "    @ReadOnly\n    public final int doubled() {\n        return 2 * value;\n    }\n\n"
                        + "    public void setValue(int value) {");
        RecordingContext context = new RecordingContext();
        Object counter = newProxy(fixture.compile(), "test.Durable_Counter", context, 3);

        assertThat(counter.toString()).isEqualTo("c3");
        assertThat(counter.getClass().getMethod("doubled").invoke(counter)).isEqualTo(6);
        assertThat(context.events).isEmpty();
    }

    @Test
    void replayAppliesAnUpdateWithoutReportingIt() throws Exception {
        RecordingContext context = new RecordingContext();
        DurableState counter = (DurableState) newProxy(fixture.compile(), "test.Durable_Counter", context, 0);

        counter.replay("setValue(int)", new Object[] {7});

        assertThat(context.events).isEmpty();
        assertThat(counter.getClass().getMethod("getValue").invoke(counter)).isEqualTo(7);
        assertThatThrownBy(() -> counter.replay("reset()", new Object[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Counter has no update reset()");
    }

    @Test
    void anUpdateThatThrowsIsNotReportedAsDone() throws Exception {
        fixture.counter("        this.value = value;",
                "        if (value < 0) {\n            throw new IllegalArgumentException(\"negative\");\n        }\n"
                        + "        this.value = value;");
        RecordingContext context = new RecordingContext();
        Object counter = newProxy(fixture.compile(), "test.Durable_Counter", context, 1);

        assertThatThrownBy(() -> counter.getClass().getMethod("setValue", int.class).invoke(counter, -1))
                .isInstanceOf(InvocationTargetException.class).hasRootCauseMessage("negative");
        assertThat(context.events).containsExactly("before");
    }

    @Test
    void updatesThatReturnValuesAndOverloadsKeepTheirSignatures() throws Exception {
        fixture.counter("    public void setValue(int value) {",
                        "    public java.util.Optional<String> label(String prefix, int n) {\n"
                                + "        value += n;\n        return java.util.Optional.of(prefix + value);\n    }\n\n"
                                + "    public void setValue(String value) {\n        this.value = Integer.parseInt(value);\n    }\n\n"
                                + "    public void setValue(int value) {")
                .mapping("<update method=\"setValue\">", "<update method=\"setValue\" parameters=\"int\">")
                // recovery through an overloaded method would be ambiguous (DUR-017); this test is about updates
                .mapping("<call method=\"setValue\"><column>v</column></call>", "<call method=\"label\"><column>p</column><column>v</column></call>")
                .mapping("</state-object>", "  <update method=\"setValue\" parameters=\"String\"><sql>UPDATE c SET v = :arg0</sql></update>\n"
                        + "    <update method=\"label\"><sql>UPDATE c SET v = v + :arg1</sql></update>\n  </state-object>");
        Compilation compilation = fixture.compile();
        assertThat(compilation).succeeded();
        RecordingContext context = new RecordingContext();
        Object counter = newProxy(compilation, "test.Durable_Counter", context, 1);

        Object label = counter.getClass().getMethod("label", String.class, int.class).invoke(counter, "n=", 2);
        counter.getClass().getMethod("setValue", String.class).invoke(counter, "9");

        assertThat(label).isEqualTo(java.util.Optional.of("n=3"));
        assertThat(context.events).containsExactly("before", "label(String,int)[n=, 2]", "before", "setValue(String)[9]");
        assertThat(compilation).generatedSourceFile("test.Durable_Counter").contentsAsUtf8String()
                .contains("UPDATE_SET_VALUE_STRING = \"setValue(String)\"");
    }

    private static Object newProxy(Compilation compilation, String name, StateContext context, int initial)
            throws Exception {
        assertThat(compilation).succeeded();
        Class<?> proxy = new CompiledClasses(compilation).loadClass(name);
        return proxy.getConstructor(StateContext.class, int.class).newInstance(context, initial);
    }
}
