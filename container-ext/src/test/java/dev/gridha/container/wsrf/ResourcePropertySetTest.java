package dev.gridha.container.wsrf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.namespace.QName;

import jakarta.xml.bind.JAXBElement;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResourcePropertySetTest {

    private static final String NS = "urn:test";
    private static final QName VALUE = new QName(NS, "Value");
    private static final QName DOUBLED = new QName(NS, "Doubled");
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private MutableClock clock;
    private ResourceHome<AtomicLong> home;
    private ResourcePropertySet<AtomicLong> properties;
    private WsResource<AtomicLong> resource;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(T0);
        home = new ResourceHome<>("number", clock, () -> new ResourceKey("n1"));
        properties = ResourcePropertySet.<AtomicLong>builder("number")
                .property(VALUE, Long.class, AtomicLong::get)
                .property(DOUBLED, Long.class, n -> n.get() * 2)
                .lifetimeProperties(clock)
                .build();
        resource = home.create(new AtomicLong(21));
    }

    @Test
    void getReturnsAnElementWithTheQNameTypeAndCurrentValue() throws Exception {
        JAXBElement<?> element = properties.get(resource, VALUE);
        assertThat(element.getName()).isEqualTo(VALUE);
        assertThat(element.getDeclaredType()).isEqualTo(Long.class);
        assertThat(element.getValue()).isEqualTo(21L);
        assertThat(element.isNil()).isFalse();

        resource.state().set(5);
        assertThat(properties.get(resource, DOUBLED).getValue()).isEqualTo(10L);
    }

    @Test
    void unknownQNameThrowsNamingTheProperty() {
        QName unknown = new QName(NS, "Nope");
        assertThatExceptionOfType(InvalidResourcePropertyException.class)
                .isThrownBy(() -> properties.get(resource, unknown))
                .withMessageContaining("a number has no resource property")
                .satisfies(e -> assertThat(e.name()).isEqualTo(unknown));
    }

    @Test
    void sameLocalNameInAnotherNamespaceIsUnknown() {
        assertThatExceptionOfType(InvalidResourcePropertyException.class)
                .isThrownBy(() -> properties.get(resource, new QName("urn:other", "Value")));
    }

    @Test
    void getMultipleKeepsTheOrderAsked() throws Exception {
        List<JAXBElement<?>> values = properties.getMultiple(resource, List.of(DOUBLED, VALUE, DOUBLED));
        assertThat(values).extracting(JAXBElement::getName).containsExactly(DOUBLED, VALUE, DOUBLED);
        assertThat(values).extracting(e -> (Object) e.getValue()).containsExactly(42L, 21L, 42L);
    }

    @Test
    void getMultipleFailsWholeOnOneUnknownName() {
        QName unknown = new QName(NS, "Nope");
        assertThatExceptionOfType(InvalidResourcePropertyException.class)
                .isThrownBy(() -> properties.getMultiple(resource, List.of(VALUE, unknown, DOUBLED)))
                .satisfies(e -> assertThat(e.name()).isEqualTo(unknown));
    }

    @Test
    void terminationTimeIsNilWhenTheResourceHasNoTerminationTime() throws Exception {
        JAXBElement<?> element = properties.get(resource, ResourcePropertySet.TERMINATION_TIME);
        assertThat(element.getName()).isEqualTo(new QName(Wsrf.RL_NS, "TerminationTime"));
        assertThat(element.isNil()).isTrue();
        assertThat(element.getValue()).isNull();
    }

    @Test
    void terminationTimeIsTheScheduledTimeInUtc() throws Exception {
        Instant at = T0.plus(Duration.ofMinutes(5));
        home.setTerminationTime(resource.key(), at);
        JAXBElement<?> element = properties.get(resource, ResourcePropertySet.TERMINATION_TIME);
        assertThat(element.isNil()).isFalse();
        XMLGregorianCalendar value = (XMLGregorianCalendar) element.getValue();
        assertThat(value.toGregorianCalendar().toInstant()).isEqualTo(at);
        assertThat(value.getTimezone()).isZero();
    }

    @Test
    void currentTimeFollowsTheClock() throws Exception {
        XMLGregorianCalendar first = (XMLGregorianCalendar)
                properties.get(resource, ResourcePropertySet.CURRENT_TIME).getValue();
        assertThat(first.toGregorianCalendar().toInstant()).isEqualTo(T0);

        clock.advance(Duration.ofSeconds(90));

        XMLGregorianCalendar second = (XMLGregorianCalendar)
                properties.get(resource, ResourcePropertySet.CURRENT_TIME).getValue();
        assertThat(second.toGregorianCalendar().toInstant()).isEqualTo(T0.plusSeconds(90));
        assertThat(second.toXMLFormat()).isEqualTo("2030-01-01T00:01:30.000Z");
    }

    @Test
    void namesAreInDeclarationOrder() {
        assertThat(properties.names()).containsExactly(VALUE, DOUBLED,
                ResourcePropertySet.CURRENT_TIME, ResourcePropertySet.TERMINATION_TIME);
    }

    @Test
    void declaringAPropertyTwiceThrows() {
        ResourcePropertySet.Builder<AtomicLong> builder = ResourcePropertySet.<AtomicLong>builder("number")
                .property(VALUE, Long.class, AtomicLong::get);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.property(VALUE, Integer.class, n -> 0))
                .withMessageContaining("declared twice");
    }

    @Test
    void declaringLifetimePropertiesTwiceThrows() {
        ResourcePropertySet.Builder<AtomicLong> builder = ResourcePropertySet.<AtomicLong>builder("number")
                .lifetimeProperties(clock);
        assertThatIllegalArgumentException().isThrownBy(() -> builder.lifetimeProperties(clock));
    }

    @Test
    void dateTimeOfNullIsNull() {
        assertThat(ResourcePropertySet.dateTime(null)).isNull();
    }
}
