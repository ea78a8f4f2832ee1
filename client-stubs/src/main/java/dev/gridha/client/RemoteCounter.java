package dev.gridha.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.namespace.QName;

import jakarta.xml.bind.JAXBElement;
import jakarta.xml.ws.wsaddressing.W3CEndpointReference;

import org.w3c.dom.Element;

import dev.gridha.contracts.counter.CounterPortType;
import dev.gridha.contracts.counter.InvalidRequestFault;
import dev.gridha.contracts.counter.InvalidResourcePropertyQNameFault;
import dev.gridha.contracts.counter.ResourceNotDestroyedFault;
import dev.gridha.contracts.counter.ResourceUnavailableFault;
import dev.gridha.contracts.counter.ResourceUnknownFault;
import dev.gridha.contracts.counter.TerminationTimeChangeRejectedFault;
import dev.gridha.contracts.counter.UnableToSetTerminationTimeFault;
import dev.gridha.contracts.wsrf.lifetime.SetTerminationTime;
import dev.gridha.contracts.wsrf.lifetime.SetTerminationTimeResponse;

/**
 * One counter resource, bound to its endpoint reference: every call carries the counter's key as the
 * reference-parameter header, so the application never sees it. Thread-safe.
 *
 * <p>Faults the service declares come back as {@link GridServiceFault}; transport failures as CXF's
 * {@code WebServiceException}.
 */
public final class RemoteCounter {

    static final String NS = "http://gridha.dev/counter";
    static final QName VALUE = new QName(NS, "Value");

    private static final DatatypeFactory DATATYPES = datatypes();

    private final W3CEndpointReference reference;
    private final CounterPortType port;

    RemoteCounter(W3CEndpointReference reference, CounterPortType port) {
        this.reference = reference;
        this.port = port;
    }

    /** The endpoint reference, to hand to another application or keep for later. */
    public W3CEndpointReference endpointReference() {
        return reference;
    }

    /** Adds {@code amount} and returns the new value. */
    public int add(int amount) {
        try {
            return port.add(amount);
        } catch (InvalidRequestFault | ResourceUnknownFault | ResourceUnavailableFault fault) {
            throw GridServiceFault.of(fault);
        }
    }

    /** The current value, read as the resource property {@code c:Value}. */
    public int value() {
        List<Object> values = property(VALUE);
        if (values.size() != 1) {
            throw new IllegalStateException("service returned " + values.size() + " values for " + VALUE);
        }
        return Integer.parseInt(text(values.get(0)));
    }

    /** One resource property as the service sent it (a DOM element or a JAXB element). */
    public List<Object> property(QName name) {
        try {
            return port.getResourceProperty(name).getAny();
        } catch (InvalidResourcePropertyQNameFault | ResourceUnknownFault | ResourceUnavailableFault fault) {
            throw GridServiceFault.of(fault);
        }
    }

    /** Destroys the counter now (WS-ResourceLifetime Destroy). */
    public void destroy() {
        try {
            port.destroy();
        } catch (ResourceUnknownFault | ResourceNotDestroyedFault | ResourceUnavailableFault fault) {
            throw GridServiceFault.of(fault);
        }
    }

    /** Schedules destruction after {@code lifetime}; returns the termination time the service granted. */
    public Instant terminateAfter(Duration lifetime) {
        SetTerminationTime request = new SetTerminationTime();
        request.setRequestedLifetimeDuration(DATATYPES.newDuration(lifetime.toMillis()));
        return setTerminationTime(request);
    }

    /** Schedules destruction at {@code when}; {@code null} cancels a scheduled termination. */
    public Instant terminateAt(Instant when) {
        SetTerminationTime request = new SetTerminationTime();
        XMLGregorianCalendar time = when == null ? null
                : DATATYPES.newXMLGregorianCalendar(java.util.GregorianCalendar.from(
                        when.atZone(java.time.ZoneOffset.UTC)));
        JAXBElement<XMLGregorianCalendar> element = new dev.gridha.contracts.wsrf.lifetime.ObjectFactory()
                .createSetTerminationTimeRequestedTerminationTime(time);
        if (time == null) {
            element.setNil(true);
        }
        request.setRequestedTerminationTime(element);
        return setTerminationTime(request);
    }

    private Instant setTerminationTime(SetTerminationTime request) {
        try {
            SetTerminationTimeResponse response = port.setTerminationTime(request);
            XMLGregorianCalendar granted = response.getNewTerminationTime();
            return granted == null ? null : granted.toGregorianCalendar().toInstant();
        } catch (UnableToSetTerminationTimeFault | TerminationTimeChangeRejectedFault | ResourceUnknownFault
                | ResourceUnavailableFault fault) {
            throw GridServiceFault.of(fault);
        }
    }

    static String text(Object property) {
        if (property instanceof Element element) {
            return element.getTextContent().strip();
        }
        if (property instanceof JAXBElement<?> element) {
            return String.valueOf(element.getValue());
        }
        throw new IllegalStateException("unexpected resource property content " + property.getClass());
    }

    private static DatatypeFactory datatypes() {
        try {
            return DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException("no javax.xml.datatype implementation on the class path", e);
        }
    }
}
