package dev.gridha.container.transaction;

import org.apache.cxf.Bus;
import org.apache.cxf.feature.AbstractPortableFeature;
import org.apache.cxf.feature.DelegatingFeature;
import org.apache.cxf.interceptor.InterceptorProvider;

/**
 * Lets a durable service's endpoint take part in service transactions: requests carrying the transaction
 * header run inside the transaction the durability runtime holds open for that id.
 */
public final class ServiceTransactionFeature extends DelegatingFeature<ServiceTransactionFeature.Portable> {

    public ServiceTransactionFeature() {
        super(new Portable());
    }

    public static final class Portable implements AbstractPortableFeature {
        @Override
        public void doInitializeProvider(InterceptorProvider provider, Bus bus) {
            provider.getInInterceptors().add(new TransactionHeaderInterceptor());
        }
    }
}
