package dev.gridha.container.chaos;

import org.apache.cxf.Bus;
import org.apache.cxf.feature.AbstractFeature;
import org.apache.cxf.interceptor.InterceptorProvider;

/**
 * Lets a chaos test stop a primary before a request executes and in the middle of a reply
 * ({@link ChaosPoints}); the two steps in between are hooked in {@code ReplicatingCommitter}. Every gridha
 * service endpoint has it; in a process not started with {@value ChaosPoints#PROPERTY} it installs nothing.
 */
public final class ChaosFeature extends AbstractFeature {

    @Override
    protected void initializeProvider(InterceptorProvider provider, Bus bus) {
        if (!ChaosPoints.ENABLED) {
            return;
        }
        provider.getInInterceptors().add(new BeforeExecutionInterceptor());
        provider.getOutInterceptors().add(new DuringReplyInterceptor());
    }
}
