package dev.gridha.durability.compiler;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The one way the durability compiler speaks to javac. Every diagnostic names the most specific Java element
 * (so javac prints its file and line) and begins with the problem's stable code; faults in the mapping also
 * carry the mapping's file:line:column in the text.
 */
public final class ErrorReporter {

    private final Messager messager;

    public ErrorReporter(Messager messager) {
        this.messager = messager;
    }

    public void report(Problem problem, Element element) {
        messager.printMessage(Diagnostic.Kind.ERROR, problem.render(), element);
    }

    /** A fault in an annotation's attribute, pointed at the attribute. */
    public void report(Problem problem, Element element, AnnotationMirror annotation, AnnotationValue value) {
        messager.printMessage(Diagnostic.Kind.ERROR, problem.render(), element, annotation, value);
    }
}
