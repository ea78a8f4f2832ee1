package dev.gridha.durability;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the protected, overridable method through which a durable service creates one kind of state object.
 * The generated service overrides it to return the durability proxy instead of the plain object, which is
 * how durability is added without editing the service's code.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface StateFactory {

    /** The state object's name in the mapping ({@code <state-object name="...">}). */
    String value();
}
