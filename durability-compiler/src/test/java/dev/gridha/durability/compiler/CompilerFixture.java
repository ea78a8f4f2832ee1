package dev.gridha.durability.compiler;

import static com.google.testing.compile.Compiler.javac;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.tools.JavaFileObject;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;

/**
 * A small durable service, correct as written, that each test breaks in one place: a keyed Counter state
 * object on the database, with its factory, recovery and update rule.
 */
final class CompilerFixture {

    String counter = """
            package test;

            import dev.gridha.durability.ReadOnly;

            public class Counter {
                private int value;

                public Counter(int initial) {
                    value = initial;
                }

                @ReadOnly
                public int getValue() {
                    return value;
                }

                public void setValue(int value) {
                    this.value = value;
                }
            }
            """;

    String service = """
            package test;

            import dev.gridha.container.wsrf.ResourceKey;
            import dev.gridha.durability.DurableService;
            import dev.gridha.durability.StateFactory;

            @DurableService(mapping = "counter.xml")
            public class CounterService {

                @StateFactory("counter")
                protected Counter newCounter(ResourceKey key, int initial) {
                    return new Counter(initial);
                }
            }
            """;

    String mapping = """
            <?xml version="1.0" encoding="UTF-8"?>
            <durability-mapping xmlns="http://gridha.dev/durability-mapping/1" service="test.CounterService">
              <state-object name="counter" class="test.Counter" mechanism="database">
                <initialization><sql>CREATE TABLE c (k VARCHAR(64) PRIMARY KEY, v INT)</sql></initialization>
                <on-create><sql>INSERT INTO c VALUES (:key, :arg0)</sql></on-create>
                <recovery>
                  <query>SELECT k, v FROM c</query>
                  <key-column>k</key-column>
                  <call method="setValue"><column>v</column></call>
                </recovery>
                <update method="setValue"><sql>UPDATE c SET v = :arg0 WHERE k = :key</sql></update>
              </state-object>
            </durability-mapping>
            """;

    JavaFileObject counterSource;
    JavaFileObject serviceSource;
    private final java.util.Map<String, String> extraMappings = new java.util.LinkedHashMap<>();

    /** Another mapping file beside counter.xml, such as an alternative mapping. */
    CompilerFixture extraMapping(String name, String content) {
        extraMappings.put(name, content);
        return this;
    }

    /** The current counter.xml text, to derive alternatives from. */
    String mappingText() {
        return mapping;
    }

    Compilation compile() {
        Path folder;
        try {
            folder = Files.createTempDirectory("gridha-mappings-");
            Files.writeString(folder.resolve("counter.xml"), mapping, StandardCharsets.UTF_8);
            for (var extra : extraMappings.entrySet()) {
                Files.writeString(folder.resolve(extra.getKey()), extra.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        counterSource = JavaFileObjects.forSourceString("test.Counter", counter);
        serviceSource = JavaFileObjects.forSourceString("test.CounterService", service);
        return javac().withProcessors(new DurabilityProcessor())
                .withOptions("-A" + DurabilityProcessor.MAPPINGS_OPTION + "=" + folder)
                .compile(counterSource, serviceSource);
    }

    CompilerFixture mapping(String from, String to) {
        mapping = replace(mapping, from, to);
        return this;
    }

    CompilerFixture counter(String from, String to) {
        counter = replace(counter, from, to);
        return this;
    }

    CompilerFixture service(String from, String to) {
        service = replace(service, from, to);
        return this;
    }

    private static String replace(String text, String from, String to) {
        if (!text.contains(from)) {
            throw new IllegalArgumentException("fixture has no '" + from + "'");
        }
        return text.replace(from, to);
    }
}
