package dev.gridha.durability.compiler;

import static com.google.testing.compile.CompilationSubject.assertThat;

import org.junit.jupiter.api.Test;

import com.google.testing.compile.Compilation;

/** Each error code, provoked once, at the place a developer must look; and the correct fixture compiles. */
class DurabilityProcessorTest {

    private final CompilerFixture fixture = new CompilerFixture();

    /** One error diagnostic holds every fragment (its code and the words a developer needs). */
    private static void assertError(Compilation compilation, String... fragments) {
        org.assertj.core.api.Assertions.assertThat(compilation.errors())
                .as("errors: %s", compilation.errors())
                .anySatisfy(error -> org.assertj.core.api.Assertions.assertThat(error.getMessage(java.util.Locale.ROOT))
                        .contains(fragments));
    }

    @Test
    void aCorrectServiceAndMappingCompile() {
        assertThat(fixture.compile()).succeededWithoutWarnings();
    }

    @Test
    void dur001MissingMappingPointsAtTheAnnotation() {
        Compilation compilation = fixture.service("\"counter.xml\"", "\"nowhere.xml\"").compile();
        assertThat(compilation).hadErrorContaining("[DUR-001] mapping 'nowhere.xml' not found")
                .inFile(fixture.serviceSource).onLineContaining("@DurableService");
    }

    @Test
    void dur002SchemaViolationNamesTheMappingLineAndColumn() {
        Compilation compilation = fixture.mapping("mechanism=\"database\"", "mechanism=\"tape\"").compile();
        assertThat(compilation).hadErrorContaining("[DUR-002] counter.xml:3:");
        assertThat(compilation).hadErrorContaining("tape");
    }

    @Test
    void dur003MappingForAnotherService() {
        assertThat(fixture.mapping("service=\"test.CounterService\"", "service=\"test.Other\"").compile())
                .hadErrorContaining("[DUR-003] counter.xml:2:")
                .inFile(fixture.serviceSource).onLineContaining("public class CounterService");
    }

    @Test
    void dur010StateClassNotFound() {
        assertThat(fixture.mapping("class=\"test.Counter\"", "class=\"test.Missing\"").compile())
                .hadErrorContaining("[DUR-010] counter.xml:3:").inFile(fixture.serviceSource);
    }

    @Test
    void dur011FinalStateClassCannotBeProxied() {
        assertThat(fixture.counter("public class Counter", "public final class Counter").compile())
                .hadErrorContaining("[DUR-011]").inFile(fixture.counterSource)
                .onLineContaining("public final class Counter");
    }

    @Test
    void dur012UpdateRuleForAMissingMethod() {
        assertThat(fixture.mapping("<update method=\"setValue\">", "<update method=\"setValu\">").compile())
                .hadErrorContaining("[DUR-012] counter.xml:11:").inFile(fixture.counterSource);
    }

    @Test
    void dur013SqlArgumentBeyondTheMethodsParameters() {
        assertThat(fixture.mapping("SET v = :arg0", "SET v = :arg2").compile())
                .hadErrorContaining("[DUR-013] counter.xml:11:")
                .inFile(fixture.counterSource).onLineContaining("public void setValue");
    }

    @Test
    void dur013MessageSaysHowManyParametersThereAre() {
        assertThat(fixture.mapping("SET v = :arg0", "SET v = :arg2").compile())
                .hadErrorContaining("references arg[2] but method setValue has 1 parameter");
    }

    @Test
    void dur014UpdateMethodWithoutARule() {
        assertThat(fixture.counter("    public void setValue(int value) {",
                "    public void reset() {\n        value = 0;\n    }\n\n    public void setValue(int value) {")
                .compile())
                .hadErrorContaining("[DUR-014]").inFile(fixture.counterSource).onLineContaining("public void reset()");
    }

    @Test
    void dur015RepeatRuleOnTheDatabaseMechanism() {
        assertThat(fixture.mapping("<sql>UPDATE c SET v = :arg0 WHERE k = :key</sql>", "<repeat/>").compile())
                .hadErrorContaining("[DUR-015] counter.xml:11:").inFile(fixture.counterSource)
                .onLineContaining("public void setValue");
    }

    @Test
    void dur016ReadOnlyMethodWithAnUpdateRule() {
        assertThat(fixture.mapping("<update method=\"setValue\">", "<update method=\"getValue\">")
                .mapping(":arg0 WHERE", "1 WHERE").compile())
                .hadErrorContaining("[DUR-016]").inFile(fixture.counterSource).onLineContaining("public int getValue");
    }

    @Test
    void dur017RecoveryCallWithTheWrongNumberOfColumns() {
        assertError(fixture.mapping("<column>v</column>", "<column>v</column><column>k</column>").compile(), "[DUR-017] counter.xml:9:", "recovery calls setValue with 2 columns");
    }

    @Test
    void recoveryPicksAnOverloadByItsParameters() {
        CompilerFixture overloaded = fixture.counter("    public void setValue(int value) {",
                        "    public void setValue(String value) {\n        this.value = Integer.parseInt(value);\n    }\n\n"
                                + "    public void setValue(int value) {")
                .mapping("<update method=\"setValue\">", "<update method=\"setValue\" parameters=\"int\">")
                .mapping("<update method=\"setValue\" parameters=\"int\"><sql>UPDATE c SET v = :arg0 WHERE k = :key</sql></update>",
                        "<update method=\"setValue\" parameters=\"int\"><sql>UPDATE c SET v = :arg0 WHERE k = :key</sql></update>"
                                + "<update method=\"setValue\" parameters=\"String\"><sql>UPDATE c SET v = :arg0 WHERE k = :key</sql></update>");
        assertError(overloaded.compile(), "[DUR-017]", "2 such methods; say which with parameters");
        assertThat(overloaded.mapping("<call method=\"setValue\">", "<call method=\"setValue\" parameters=\"int\">")
                .compile()).succeeded();
        assertError(fixture.mapping("<call method=\"setValue\" parameters=\"int\">",
                "<call method=\"setValue\" parameters=\"long\">").compile(), "[DUR-017]", "parameters [long]");
    }

    @Test
    void dur018OverloadedUpdateMethodNeedsItsParameters() {
        assertError(fixture.counter("    public void setValue(int value) {",
                "    public void setValue(String value) {\n        this.value = Integer.parseInt(value);\n    }\n\n"
                        + "    public void setValue(int value) {").compile(), "[DUR-018] counter.xml:11:", "is overloaded");
    }

    @Test
    void dur018ParametersThatMatchNoOverload() {
        assertError(fixture.mapping("<update method=\"setValue\">", "<update method=\"setValue\" parameters=\"long\">")
                .compile(), "[DUR-018]", "no method setValue[long]");
    }

    @Test
    void dur019SqlAccessorTheArgumentDoesNotHave() {
        assertError(fixture.mapping("SET v = :arg0", "SET v = :arg0.cpuMhz").compile(), "[DUR-019]", "int has no public method cpuMhz()");
    }

    @Test
    void dur020NoStateFactoryForTheObject() {
        assertThat(fixture.service("@StateFactory(\"counter\")", "@StateFactory(\"other\")").compile())
                .hadErrorContaining("[DUR-020] counter.xml:3:").inFile(fixture.serviceSource);
    }

    @Test
    void dur020StateFactoryReturningAnotherType() {
        assertThat(fixture.service("protected Counter newCounter(ResourceKey key, int initial) {\n"
                        + "        return new Counter(initial);",
                "protected Object newCounter(ResourceKey key, int initial) {\n        return new Counter(initial);")
                .compile())
                .hadErrorContaining("[DUR-020]").inFile(fixture.serviceSource).onLineContaining("newCounter");
    }

    @Test
    void dur021SerializeRuleOnANonSerializableClass() {
        assertThat(fixture.mapping("mechanism=\"database\"", "mechanism=\"replication\"")
                .mapping("<initialization><sql>CREATE TABLE c (k VARCHAR(64) PRIMARY KEY, v INT)</sql></initialization>", "")
                .mapping("<on-create><sql>INSERT INTO c VALUES (:key, :arg0)</sql></on-create>", "")
                .mapping("""
                        <recovery>
                              <query>SELECT k, v FROM c</query>
                              <key-column>k</key-column>
                              <call method="setValue"><column>v</column></call>
                            </recovery>""", "")
                .mapping("<sql>UPDATE c SET v = :arg0 WHERE k = :key</sql>", "<serialize/>").compile())
                .hadErrorContaining("[DUR-021]").inFile(fixture.counterSource).onLineContaining("public class Counter");
    }

    @Test
    void dur022FinalUpdateMethodCannotBeRecorded() {
        assertThat(fixture.counter("public void setValue", "public final void setValue").compile())
                .hadErrorContaining("[DUR-022]").inFile(fixture.counterSource).onLineContaining("final void setValue");
    }

    @Test
    void dur023UnknownSqlParameter() {
        assertError(fixture.mapping("WHERE k = :key", "WHERE k = :name").compile(), "[DUR-023] counter.xml:11:", ":name");
    }

    @Test
    void dur023KeyOnAnObjectWithoutAKey() {
        assertError(fixture.service("newCounter(ResourceKey key, int initial)", "newCounter(int initial)")
                .mapping("<key-column>k</key-column>", "").compile(), "[DUR-023]", "is not keyed");
    }

    @Test
    void dur023QuotedTextAndCastsAreNotParameters() {
        assertThat(fixture.mapping("WHERE k = :key", "WHERE k = :key AND ':x' != 'y' AND v::INT >= 0").compile())
                .succeededWithoutWarnings();
    }

    @Test
    void dur024ReadOnlyMethodThatDoesNotExist() {
        assertError(fixture.mapping("</state-object>", "  <read-only method=\"size\"/>\n  </state-object>").compile(), "[DUR-024]", "read-only method size");
    }

    @Test
    void dur025RecoveryOnAReplicatedObject() {
        assertError(fixture.mapping("mechanism=\"database\"", "mechanism=\"replication\"")
                .mapping("<sql>UPDATE c SET v = :arg0 WHERE k = :key</sql>", "<repeat/>").compile(), "[DUR-025]", "only the database mechanism recovers");
    }

    @Test
    void dur026AnAlternativeMappingMustMapTheSameStateObjects() {
        String larger = fixture.mappingText().replace("</durability-mapping>", """
                  <state-object name="tally" class="test.Counter" mechanism="reconstruction"/>
                </durability-mapping>""");
        Compilation compilation = fixture.extraMapping("larger.xml", larger)
                .service("@DurableService(mapping = \"counter.xml\")",
                        "@DurableService(mapping = \"counter.xml\", alternatives = \"larger.xml\")")
                .service("    @StateFactory(\"counter\")", """
                            @StateFactory("tally")
                            protected Counter newTally() {
                                return new Counter(0);
                            }

                            @StateFactory("counter")""").compile();
        assertError(compilation, "[DUR-026]", "'larger.xml'", "[counter, tally]", "[counter]");
    }

    @Test
    void anAlternativeMappingIsValidatedLikeTheMainOne() {
        String broken = fixture.mappingText().replace("WHERE k = :key", "WHERE k = :nope");
        Compilation compilation = fixture.extraMapping("broken.xml", broken)
                .service("@DurableService(mapping = \"counter.xml\")",
                        "@DurableService(mapping = \"counter.xml\", alternatives = \"broken.xml\")").compile();
        assertError(compilation, "[DUR-023] broken.xml:", ":nope");
        assertError(fixture.service("alternatives = \"broken.xml\"", "alternatives = \"absent.xml\"").compile(),
                "[DUR-001] mapping 'absent.xml' not found");
    }

    @Test
    void problemsAreAllReportedNotJustTheFirst() {
        Compilation compilation = fixture.mapping("SET v = :arg0", "SET v = :arg3")
                .mapping("WHERE k = :key", "WHERE k = :nope").compile();
        assertThat(compilation).hadErrorContaining("[DUR-013]");
        assertThat(compilation).hadErrorContaining("[DUR-023]");
    }
}
