package dev.gridha.durability;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a service whose state the durability compiler makes durable. The mapping names, per state object,
 * the mechanism (database, replication, reconstruction) and the object-specific instructions; the compiler
 * checks it against the code and generates the proxies and the bracketed service.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface DurableService {

    /**
     * The mapping file, relative to the mappings folder (processor option {@code gridha.mappings}) or the
     * source path, such as {@code "counter.xml"}.
     */
    String mapping();

    /**
     * Further mappings of the same service, each validated like the main one and carried in the generated
     * service; a deployment picks one with the context parameter {@code gridha.mapping} (the benchmark runs
     * the same WAR all-database, all-replication or reconstruction this way).
     */
    String[] alternatives() default {};
}
