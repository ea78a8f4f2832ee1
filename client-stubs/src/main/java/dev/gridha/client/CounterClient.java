package dev.gridha.client;

import java.net.URI;
import java.util.Objects;

import jakarta.xml.ws.soap.AddressingFeature;
import jakarta.xml.ws.wsaddressing.W3CEndpointReference;

import dev.gridha.contracts.counter.CounterPortType;
import dev.gridha.contracts.counter.CounterService;
import dev.gridha.contracts.counter.CreateCounter;
import dev.gridha.contracts.counter.InvalidRequestFault;

/**
 * A grid application's handle on a Counter service: creates counter resources and binds to existing ones
 * by their endpoint reference. Thread-safe; create one per service and share it.
 *
 * <pre>{@code
 * CounterClient counters = new CounterClient(URI.create("http://host:8080/counter/services/counter"));
 * RemoteCounter counter = counters.create();
 * counter.add(5);          // 5
 * counter.value();         // 5, read as the resource property c:Value
 * counter.destroy();
 * }</pre>
 */
public final class CounterClient {

    private final URI factoryEndpoint;
    private final ClientOptions options;
    private final CounterService service;
    private final CounterPortType factory;

    public CounterClient(URI factoryEndpoint) {
        this(factoryEndpoint, ClientOptions.defaults());
    }

    public CounterClient(URI factoryEndpoint, ClientOptions options) {
        this.factoryEndpoint = Objects.requireNonNull(factoryEndpoint, "factoryEndpoint");
        this.options = Objects.requireNonNull(options, "options");
        // Parsing the WSDL is the expensive part of a JAX-WS client: do it once per client.
        Ports.prepareBus();
        this.service = new CounterService();
        this.factory = Ports.configure(service.getCounterPort(new AddressingFeature(true, true)), options,
                factoryEndpoint.toString());
    }

    public URI factoryEndpoint() {
        return factoryEndpoint;
    }

    /** Creates a counter starting at zero. */
    public RemoteCounter create() {
        return create(0);
    }

    /** Creates a counter starting at {@code initialValue}. */
    public RemoteCounter create(int initialValue) {
        CreateCounter request = new CreateCounter();
        request.setInitialValue(initialValue);
        try {
            return bind(factory.createCounter(request).getEndpointReference());
        } catch (InvalidRequestFault fault) {
            throw GridServiceFault.of(fault, fault.getFaultInfo());
        } catch (jakarta.xml.ws.WebServiceException fault) {
            throw GridServiceFault.of(fault);
        }
    }

    /** Binds to a counter someone else created, from its endpoint reference. */
    public RemoteCounter bind(W3CEndpointReference reference) {
        CounterPortType port = service.getPort(reference, CounterPortType.class, new AddressingFeature(true, true));
        return new RemoteCounter(reference, Ports.configure(port, options, null));
    }
}
