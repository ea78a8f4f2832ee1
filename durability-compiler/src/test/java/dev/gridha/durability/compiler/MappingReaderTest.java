package dev.gridha.durability.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.gridha.durability.compiler.mapping.MappingReader;
import dev.gridha.durability.compiler.model.Mapping;
import dev.gridha.durability.compiler.model.Mechanism;
import dev.gridha.durability.compiler.model.StateObjectMapping;
import dev.gridha.durability.compiler.model.UpdateRule;

class MappingReaderTest {

    private static final Path MAPPINGS = Path.of(System.getProperty("gridha.mappings.dir", "../mappings"));
    private final MappingReader reader = new MappingReader();

    @Test
    void readsTheShippedCounterMapping() throws IOException {
        Mapping mapping = read("counter.xml");
        assertThat(mapping.serviceClass()).isEqualTo("dev.gridha.services.counter.CounterService");
        StateObjectMapping counter = mapping.stateObjects().get(0);
        assertThat(counter.mechanism()).isEqualTo(Mechanism.DATABASE);
        assertThat(counter.updates()).singleElement().satisfies(rule -> {
            assertThat(rule.method()).isEqualTo("setValue");
            assertThat(rule.kind()).isEqualTo(UpdateRule.Kind.SQL);
            assertThat(rule.statements().get(0).text())
                    .isEqualTo("UPDATE gridha_counter SET counter_value = :arg0 WHERE counter_key = :key");
        });
        assertThat(counter.recovery()).hasValueSatisfying(recovery -> {
            assertThat(recovery.keyColumn()).contains("counter_key");
            assertThat(recovery.method()).isEqualTo("setValue");
            assertThat(recovery.columns()).containsExactly("counter_value");
        });
        assertThat(counter.readOnly()).extracting(r -> r.method()).containsExactly("getValue");
    }

    @Test
    void readsTheShippedMatchmakerMappingWithPositions() throws IOException {
        Mapping mapping = read("matchmaker.xml");
        assertThat(mapping.stateObjects()).extracting(StateObjectMapping::name, StateObjectMapping::mechanism)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("machines", Mechanism.REPLICATION),
                        org.assertj.core.groups.Tuple.tuple("accounts", Mechanism.DATABASE));
        UpdateRule advertise = mapping.stateObjects().get(0).updates().get(0);
        assertThat(advertise.kind()).isEqualTo(UpdateRule.Kind.REPEAT);
        assertThat(advertise.position().file()).isEqualTo("matchmaker.xml");
        assertThat(advertise.position().line()).isGreaterThan(5);
    }

    @Test
    void aSchemaViolationIsReportedAtItsLineAndColumn() {
        String xml = """
                <?xml version="1.0"?>
                <durability-mapping xmlns="http://gridha.dev/durability-mapping/1" service="a.B">
                  <state-object name="x" class="a.X" mechanism="disk"/>
                </durability-mapping>
                """;
        MappingReader.Result result = reader.read("bad.xml", xml.getBytes(StandardCharsets.UTF_8));
        assertThat(result.mapping()).isEmpty();
        assertThat(result.problems()).isNotEmpty().allSatisfy(problem -> {
            assertThat(problem.code()).isEqualTo(ErrorCode.MAPPING_INVALID);
            assertThat(problem.position().line()).isEqualTo(3);
        });
        assertThat(result.problems().get(0).render()).startsWith("[DUR-002] bad.xml:3:").contains("disk");
    }

    @Test
    void aDtdIsRefused() {
        String xml = """
                <?xml version="1.0"?>
                <!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
                <durability-mapping xmlns="http://gridha.dev/durability-mapping/1" service="a.&e;"/>
                """;
        MappingReader.Result result = reader.read("dtd.xml", xml.getBytes(StandardCharsets.UTF_8));
        assertThat(result.mapping()).isEmpty();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.MAPPING_INVALID);
            assertThat(p.message()).containsIgnoringCase("DOCTYPE");
        });
    }

    @Test
    void anOversizedMappingIsRefusedUnread() {
        MappingReader.Result result = reader.read("big.xml", new byte[MappingReader.MAX_BYTES + 1]);
        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("limit"));
    }

    @Test
    void notXmlAtAllIsAProblemNotACrash() {
        MappingReader.Result result = reader.read("junk.xml", "this is not xml".getBytes(StandardCharsets.UTF_8));
        assertThat(result.mapping()).isEmpty();
        assertThat(result.problems()).isNotEmpty();
    }

    @Test
    void overloadParametersAreRead() {
        String xml = """
                <durability-mapping xmlns="http://gridha.dev/durability-mapping/1" service="a.B">
                  <state-object name="x" class="a.X" mechanism="replication">
                    <update method="put" parameters="String, int"><repeat/></update>
                  </state-object>
                </durability-mapping>
                """;
        UpdateRule rule = reader.read("o.xml", xml.getBytes(StandardCharsets.UTF_8)).mapping().orElseThrow()
                .stateObjects().get(0).updates().get(0);
        assertThat(rule.parameterTypes()).contains(List.of("String", "int"));
    }

    private Mapping read(String name) throws IOException {
        MappingReader.Result result = reader.read(name, Files.readAllBytes(MAPPINGS.resolve(name)));
        assertThat(result.problems()).isEmpty();
        return result.mapping().orElseThrow();
    }
}
