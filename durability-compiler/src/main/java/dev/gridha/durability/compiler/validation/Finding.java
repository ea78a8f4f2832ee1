package dev.gridha.durability.compiler.validation;

import javax.lang.model.element.Element;

import dev.gridha.durability.compiler.Problem;

/** A problem and the Java element javac should show it at. */
public record Finding(Problem problem, Element element) {
}
