package dev.gridha.container.wsrf;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TimeZone;
import java.util.function.Function;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.namespace.QName;

import jakarta.xml.bind.JAXBElement;

/**
 * The resource property document of one resource type: the properties a client may read with
 * WS-ResourceProperties {@code GetResourceProperty} and {@code GetMultipleResourceProperties}.
 *
 * <p>Values are returned as {@link JAXBElement}s, which the JAX-WS runtime writes into the response's
 * {@code xsd:any} content as {@code <ns:Name>value</ns:Name>}; no DOM is built per request.
 *
 * @param <S> the state object's type
 */
public final class ResourcePropertySet<S> {

    /** {@code wsrl:CurrentTime}, the time at the resource when the property was read. */
    public static final QName CURRENT_TIME = new QName(Wsrf.RL_NS, "CurrentTime");
    /** {@code wsrl:TerminationTime}, when the resource will be destroyed; nil for never. */
    public static final QName TERMINATION_TIME = new QName(Wsrf.RL_NS, "TerminationTime");

    private static final DatatypeFactory DATATYPES = datatypeFactory();

    private final String resourceType;
    private final Map<QName, ResourceProperty<S>> properties;

    private ResourcePropertySet(String resourceType, Map<QName, ResourceProperty<S>> properties) {
        this.resourceType = resourceType;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public static <S> Builder<S> builder(String resourceType) {
        return new Builder<>(resourceType);
    }

    /** The property names, in document order. */
    public List<QName> names() {
        return List.copyOf(properties.keySet());
    }

    /** The value of one property as an element (WS-RP GetResourceProperty). */
    public JAXBElement<?> get(WsResource<S> resource, QName name) throws InvalidResourcePropertyException {
        ResourceProperty<S> property = properties.get(name);
        if (property == null) {
            throw new InvalidResourcePropertyException(name, resourceType);
        }
        return element(property, resource);
    }

    /**
     * The values of several properties, in the order asked (WS-RP GetMultipleResourceProperties). If any name
     * is unknown the whole request fails, as the specification requires.
     */
    public List<JAXBElement<?>> getMultiple(WsResource<S> resource, List<QName> names)
            throws InvalidResourcePropertyException {
        List<JAXBElement<?>> values = new ArrayList<>(names.size());
        for (QName name : names) {
            values.add(get(resource, name));
        }
        return values;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private JAXBElement<?> element(ResourceProperty<S> property, WsResource<S> resource) {
        Object value = property.reader().apply(resource);
        JAXBElement element = new JAXBElement(property.name(), property.type(), value);
        if (value == null) {
            element.setNil(true);
        }
        return element;
    }

    /** An xsd:dateTime value in UTC, as JAXB writes it. */
    public static XMLGregorianCalendar dateTime(Instant instant) {
        if (instant == null) {
            return null;
        }
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        calendar.setTimeInMillis(instant.toEpochMilli());
        return DATATYPES.newXMLGregorianCalendar(calendar);
    }

    private static DatatypeFactory datatypeFactory() {
        try {
            return DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException("no javax.xml.datatype implementation on the class path", e);
        }
    }

    /** Collects the properties of a resource type. */
    public static final class Builder<S> {
        private final String resourceType;
        private final Map<QName, ResourceProperty<S>> properties = new LinkedHashMap<>();

        private Builder(String resourceType) {
            this.resourceType = Objects.requireNonNull(resourceType, "resourceType");
        }

        /** A property read from the state object alone. */
        public <T> Builder<S> property(QName name, Class<T> type, Function<S, T> reader) {
            return add(new ResourceProperty<>(name, type, resource -> reader.apply(resource.state())));
        }

        /** The WS-ResourceLifetime properties CurrentTime and TerminationTime, read on {@code clock}. */
        public Builder<S> lifetimeProperties(Clock clock) {
            add(new ResourceProperty<S>(CURRENT_TIME, XMLGregorianCalendar.class,
                    resource -> dateTime(clock.instant())));
            return add(new ResourceProperty<S>(TERMINATION_TIME, XMLGregorianCalendar.class,
                    resource -> dateTime(resource.terminationTime().orElse(null))));
        }

        public Builder<S> add(ResourceProperty<S> property) {
            if (properties.putIfAbsent(property.name(), property) != null) {
                throw new IllegalArgumentException("resource property " + property.name() + " declared twice");
            }
            return this;
        }

        public ResourcePropertySet<S> build() {
            return new ResourcePropertySet<>(resourceType, properties);
        }
    }
}
