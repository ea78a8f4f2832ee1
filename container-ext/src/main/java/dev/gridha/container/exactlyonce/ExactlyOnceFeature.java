package dev.gridha.container.exactlyonce;

import org.apache.cxf.Bus;
import org.apache.cxf.feature.AbstractFeature;
import org.apache.cxf.interceptor.InterceptorProvider;

/**
 * Lets an endpoint take fault-tolerant clients' numbered requests
 * ({@link dev.gridha.client.faulttolerance.RequestHeader}): the request id becomes the client's
 * {@code ft:<client>:<sequence>}, under which the durability runtime records the result and recognizes a
 * resubmission; and refuses their probes ({@link dev.gridha.client.faulttolerance.RequestHeader#PROBE}) just
 * before the operation; and puts the serving primary's epoch into replies of a failover group. Every gridha
 * service endpoint has it.
 */
public final class ExactlyOnceFeature extends AbstractFeature {

    @Override
    protected void initializeProvider(InterceptorProvider provider, Bus bus) {
        provider.getInInterceptors().add(new RequestHeaderInterceptor());
        provider.getInInterceptors().add(new ProbeRefusalInterceptor());
        EpochHeaderOutInterceptor epoch = new EpochHeaderOutInterceptor();
        provider.getOutInterceptors().add(epoch);
        provider.getOutFaultInterceptors().add(epoch);
    }
}
