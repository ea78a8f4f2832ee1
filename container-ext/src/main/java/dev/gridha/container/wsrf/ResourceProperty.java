package dev.gridha.container.wsrf;

import java.util.Objects;
import java.util.function.Function;

import javax.xml.namespace.QName;

/**
 * One resource property of a resource type: its element name and how to read its current value from a
 * resource. A {@code null} value is written as a nil element (for example an infinite TerminationTime).
 *
 * @param <S> the state object's type
 */
public record ResourceProperty<S>(QName name, Class<?> type, Function<WsResource<S>, ?> reader) {

    public ResourceProperty {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reader, "reader");
    }
}
