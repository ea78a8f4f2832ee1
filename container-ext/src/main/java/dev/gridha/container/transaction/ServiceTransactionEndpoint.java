package dev.gridha.container.transaction;

import java.time.Duration;
import java.util.Objects;

import jakarta.jws.WebService;

import dev.gridha.client.transaction.ServiceTransactionPort;
import dev.gridha.client.transaction.TransactionHeader;
import dev.gridha.durability.runtime.TransactionException;
import dev.gridha.durability.runtime.deployment.DurableDeployment;

/**
 * A durable service's transaction endpoint: startTA, commitTA and abortTA on its deployment. Refusals
 * become ResourceUnavailableFaults with the {@code transaction.*} codes (DurabilityFaultFeature).
 */
@WebService(endpointInterface = "dev.gridha.client.transaction.ServiceTransactionPort",
        targetNamespace = TransactionHeader.NAMESPACE, serviceName = "ServiceTransactionService",
        portName = "ServiceTransactionPort")
public final class ServiceTransactionEndpoint implements ServiceTransactionPort {

    private final DurableDeployment deployment;

    public ServiceTransactionEndpoint(DurableDeployment deployment) {
        this.deployment = Objects.requireNonNull(deployment, "deployment");
    }

    @Override
    public String begin(int timeoutSeconds) {
        return deployment.beginTransaction(Duration.ofSeconds(timeoutSeconds));
    }

    @Override
    public void commit(String transaction) {
        deployment.commitTransaction(checked(transaction));
    }

    @Override
    public void rollback(String transaction) {
        deployment.rollBackTransaction(checked(transaction));
    }

    private static String checked(String transaction) {
        if (!TransactionHeader.wellFormed(transaction)) {
            throw new TransactionException(TransactionException.UNKNOWN, "not a transaction id this service"
                    + " issues: '" + transaction + "'");
        }
        return transaction;
    }
}
