package dev.gridha.container.wholeservice;

import org.apache.cxf.message.Exchange;
import org.apache.cxf.service.invoker.Invoker;

import dev.gridha.container.endpoint.RequestIds;
import dev.gridha.durability.runtime.deployment.WholeServiceDeployment;

/**
 * Runs each call of a whole-service-replicated endpoint through its deployment: alone, undone on failure,
 * replied to only when every backup holds the service's new state.
 */
final class WholeServiceInvoker implements Invoker {

    private final Invoker delegate;
    private final WholeServiceDeployment deployment;

    WholeServiceInvoker(Invoker delegate, WholeServiceDeployment deployment) {
        this.delegate = delegate;
        this.deployment = deployment;
    }

    @Override
    public Object invoke(Exchange exchange, Object o) {
        try {
            return deployment.serve(RequestIds.current(), () -> delegate.invoke(exchange, o));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new org.apache.cxf.interceptor.Fault(e);
        }
    }
}
