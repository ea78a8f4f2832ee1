package dev.gridha.client.transaction;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;

/**
 * A durable service's transaction endpoint ({@code <context>/services/transactions}): begin a transaction,
 * then commit it or roll it back (thesis ch. IV: startTA, commitTA, abortTA). Requests join it by carrying
 * its {@link TransactionHeader}.
 */
@WebService(name = "ServiceTransactionPort", targetNamespace = TransactionHeader.NAMESPACE)
public interface ServiceTransactionPort {

    /** Opens a transaction that the service rolls back unless it ends within the timeout. */
    @WebMethod(operationName = "Begin")
    @WebResult(name = "Transaction", targetNamespace = TransactionHeader.NAMESPACE)
    String begin(@WebParam(name = "TimeoutSeconds", targetNamespace = TransactionHeader.NAMESPACE)
                 int timeoutSeconds);

    /** Makes every update of the transaction durable at once; a fault means none of them is. */
    @WebMethod(operationName = "Commit")
    void commit(@WebParam(name = "Transaction", targetNamespace = TransactionHeader.NAMESPACE) String transaction);

    /** Undoes every update of the transaction. */
    @WebMethod(operationName = "Rollback")
    void rollback(@WebParam(name = "Transaction", targetNamespace = TransactionHeader.NAMESPACE) String transaction);
}
