package dev.gridha.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.ws.addressing.WSAddressingFeature;

import dev.gridha.client.transaction.ServiceTransactionPort;


/**
 * Begins service transactions at one durable service's transaction endpoint
 * ({@code http://host:port/<context>/services/transactions}).
 */
public final class TransactionClient {

    private final ServiceTransactionPort port;

    public TransactionClient(URI transactionEndpoint) {
        this(transactionEndpoint, ClientOptions.defaults());
    }

    public TransactionClient(URI transactionEndpoint, ClientOptions options) {
        Objects.requireNonNull(transactionEndpoint, "transactionEndpoint");
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(ServiceTransactionPort.class);
        factory.setAddress(transactionEndpoint.toString());
        factory.getFeatures().add(new WSAddressingFeature());
        this.port = Ports.configure(factory.create(ServiceTransactionPort.class), options, null);
    }

    /**
     * startTA: opens a transaction that the service rolls back unless it is committed or rolled back within
     * {@code timeout} (whole seconds, 1 s to 10 min).
     */
    public ServiceTransaction begin(Duration timeout) {
        long seconds = timeout.toSeconds();
        if (seconds < 1 || seconds > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a transaction timeout is whole seconds, at least 1: " + timeout);
        }
        try {
            return new ServiceTransaction(port, port.begin((int) seconds));
        } catch (jakarta.xml.ws.WebServiceException failure) {
            throw GridServiceFault.of(failure);
        }
    }
}
