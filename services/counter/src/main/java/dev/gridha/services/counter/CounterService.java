package dev.gridha.services.counter;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import jakarta.jws.WebService;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.ws.wsaddressing.W3CEndpointReference;
import jakarta.xml.ws.wsaddressing.W3CEndpointReferenceBuilder;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.gridha.container.wsrf.InvalidResourcePropertyException;
import dev.gridha.container.wsrf.ResourceHome;
import dev.gridha.container.wsrf.ResourceKey;
import dev.gridha.container.wsrf.ResourcePropertySet;
import dev.gridha.container.wsrf.ResourceUnknownException;
import dev.gridha.container.wsrf.WsResource;
import dev.gridha.container.wsrf.WsrfRequest;
import dev.gridha.contracts.counter.CounterPortType;
import dev.gridha.contracts.counter.CreateCounter;
import dev.gridha.contracts.counter.CreateCounterResponse;
import dev.gridha.contracts.counter.InvalidRequestFault;
import dev.gridha.contracts.counter.InvalidResourcePropertyQNameFault;
import dev.gridha.contracts.counter.ResourceNotDestroyedFault;
import dev.gridha.contracts.counter.ResourceUnknownFault;
import dev.gridha.contracts.counter.TerminationTimeChangeRejectedFault;
import dev.gridha.contracts.counter.UnableToSetTerminationTimeFault;
import dev.gridha.contracts.wsrf.lifetime.SetTerminationTime;
import dev.gridha.contracts.wsrf.lifetime.SetTerminationTimeResponse;
import dev.gridha.contracts.wsrf.properties.GetMultipleResourceProperties;
import dev.gridha.contracts.wsrf.properties.GetMultipleResourcePropertiesResponse;
import dev.gridha.contracts.wsrf.properties.GetResourcePropertyResponse;
import dev.gridha.durability.DurableService;
import dev.gridha.durability.StateFactory;

/**
 * The Counter WSRF service: a factory of counter resources, each addressed by the {@code c:CounterKey}
 * reference parameter of its EPR.
 */
@DurableService(mapping = "counter.xml",
        alternatives = {"counter-replicated.xml", "counter-reconstructed.xml"})
@WebService(endpointInterface = "dev.gridha.contracts.counter.CounterPortType",
        targetNamespace = CounterService.NS, serviceName = "CounterService", portName = "CounterPort",
        wsdlLocation = "classpath:wsdl/counter.wsdl")
public class CounterService implements CounterPortType {

    public static final String NS = "http://gridha.dev/counter";
    public static final QName KEY_HEADER = new QName(NS, "CounterKey");
    public static final QName VALUE = new QName(NS, "Value");

    /** The longest lifetime a client may ask for; a request beyond it is refused, not shortened. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(366);

    private static final DocumentBuilderFactory DOCUMENTS = DocumentBuilderFactory.newInstance();

    static {
        DOCUMENTS.setNamespaceAware(true);
    }

    private final ResourceHome<Counter> home;
    private final ResourcePropertySet<Counter> properties;
    private final CounterFaults faults;

    public CounterService(ResourceHome<Counter> home) {
        this.home = home;
        this.properties = ResourcePropertySet.<Counter>builder("counter")
                .property(VALUE, Integer.class, Counter::getValue)
                .lifetimeProperties(home.clock())
                .build();
        this.faults = new CounterFaults(home.clock());
    }

    /** How a counter's state object is made; the durable service returns its proxy instead. */
    @StateFactory("counter")
    protected Counter newCounter(ResourceKey key, int initialValue) {
        return new Counter(initialValue);
    }

    @Override
    public CreateCounterResponse createCounter(CreateCounter request) {
        int initial = request == null || request.getInitialValue() == null ? 0 : request.getInitialValue();
        WsResource<Counter> resource = home.create(key -> newCounter(key, initial), null);
        CreateCounterResponse response = new CreateCounterResponse();
        response.setEndpointReference(endpointReference(WsrfRequest.current().endpointAddress(), resource.key()));
        return response;
    }

    @Override
    public int add(int amount) throws InvalidRequestFault, ResourceUnknownFault {
        Counter counter = find().state();
        synchronized (counter) {
            int current = counter.getValue();
            int next;
            try {
                next = Math.addExact(current, amount);
            } catch (ArithmeticException overflow) {
                throw faults.invalidRequest("counter.overflow", "adding " + amount + " to " + current
                        + " would overflow a 32-bit counter; the value stays " + current);
            }
            counter.setValue(next);
            return next;
        }
    }

    @Override
    public GetResourcePropertyResponse getResourceProperty(QName name)
            throws InvalidResourcePropertyQNameFault, ResourceUnknownFault {
        WsResource<Counter> resource = find();
        GetResourcePropertyResponse response = new GetResourcePropertyResponse();
        try {
            response.getAny().add(readProperty(resource, name));
        } catch (InvalidResourcePropertyException e) {
            throw faults.invalidProperty(e);
        }
        return response;
    }

    @Override
    public GetMultipleResourcePropertiesResponse getMultipleResourceProperties(GetMultipleResourceProperties request)
            throws InvalidResourcePropertyQNameFault, ResourceUnknownFault {
        WsResource<Counter> resource = find();
        GetMultipleResourcePropertiesResponse response = new GetMultipleResourcePropertiesResponse();
        try {
            synchronized (resource.state()) {
                response.getAny().addAll(properties.getMultiple(resource, request.getResourceProperty()));
            }
        } catch (InvalidResourcePropertyException e) {
            throw faults.invalidProperty(e);
        }
        return response;
    }

    @Override
    public void destroy() throws ResourceNotDestroyedFault, ResourceUnknownFault {
        ResourceKey key = WsrfRequest.current().requiredKey();
        try {
            home.destroy(key);
        } catch (ResourceUnknownException e) {
            throw faults.unknown(e);
        }
    }

    @Override
    public SetTerminationTimeResponse setTerminationTime(SetTerminationTime request)
            throws UnableToSetTerminationTimeFault, TerminationTimeChangeRejectedFault, ResourceUnknownFault {
        ResourceKey key = WsrfRequest.current().requiredKey();
        Instant now = home.clock().instant();
        Instant requested = requestedTerminationTime(request, now);
        if (requested != null && requested.isAfter(now.plus(MAX_LIFETIME))) {
            throw faults.terminationRejected("a counter lives at most " + MAX_LIFETIME.toDays()
                    + " days; " + requested + " is later than that");
        }
        try {
            Instant granted = home.setTerminationTime(key, requested);
            SetTerminationTimeResponse response = new SetTerminationTimeResponse();
            response.setNewTerminationTime(ResourcePropertySet.dateTime(granted));
            response.setCurrentTime(ResourcePropertySet.dateTime(now));
            return response;
        } catch (ResourceUnknownException e) {
            throw faults.unknown(e);
        }
    }

    private Instant requestedTerminationTime(SetTerminationTime request, Instant now)
            throws UnableToSetTerminationTimeFault {
        if (request.getRequestedLifetimeDuration() != null) {
            long millis = request.getRequestedLifetimeDuration().getTimeInMillis(Date.from(now));
            if (millis < 0) {
                throw faults.unableToSetTermination("RequestedLifetimeDuration must not be negative: "
                        + request.getRequestedLifetimeDuration());
            }
            return now.plusMillis(millis);
        }
        JAXBElement<XMLGregorianCalendar> time = request.getRequestedTerminationTime();
        if (time == null) {
            throw faults.unableToSetTermination(
                    "SetTerminationTime needs RequestedTerminationTime or RequestedLifetimeDuration");
        }
        return time.isNil() || time.getValue() == null
                ? null
                : time.getValue().toGregorianCalendar().toInstant();
    }

    private JAXBElement<?> readProperty(WsResource<Counter> resource, QName name)
            throws InvalidResourcePropertyException {
        synchronized (resource.state()) {
            return properties.get(resource, name);
        }
    }

    private WsResource<Counter> find() throws ResourceUnknownFault {
        try {
            return home.find(WsrfRequest.current().requiredKey());
        } catch (ResourceUnknownException e) {
            throw faults.unknown(e);
        }
    }

    static W3CEndpointReference endpointReference(String address, ResourceKey key) {
        try {
            Document document = DOCUMENTS.newDocumentBuilder().newDocument();
            Element parameter = document.createElementNS(NS, "c:" + KEY_HEADER.getLocalPart());
            parameter.setTextContent(key.value());
            return new W3CEndpointReferenceBuilder().address(address).referenceParameter(parameter).build();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no DOM implementation to build an endpoint reference", e);
        }
    }
}
