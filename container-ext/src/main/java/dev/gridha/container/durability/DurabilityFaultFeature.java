package dev.gridha.container.durability;

import java.time.Clock;

import org.apache.cxf.Bus;
import org.apache.cxf.feature.AbstractPortableFeature;
import org.apache.cxf.feature.DelegatingFeature;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.interceptor.InterceptorProvider;
import org.apache.cxf.logging.FaultListener;

/**
 * Answers requests whose state could not be made durable (database down, a backup that did not
 * acknowledge, a request sent to a backup) with a WSRF ResourceUnavailableFault carrying a stable error code,
 * and logs each such refusal as one line.
 */
public final class DurabilityFaultFeature extends DelegatingFeature<DurabilityFaultFeature.Portable> {

    public DurabilityFaultFeature() {
        super(new Portable(Clock.systemUTC()));
    }

    public static final class Portable implements AbstractPortableFeature {
        private final Clock clock;

        Portable(Clock clock) {
            this.clock = clock;
        }

        @Override
        public void doInitializeProvider(InterceptorProvider provider, Bus bus) {
            provider.getOutFaultInterceptors().add(new StateUnavailableFaultInterceptor(clock));
        }

        @Override
        public void initialize(Server server, Bus bus) {
            AbstractPortableFeature.super.initialize(server, bus);
            server.getEndpoint().put(FaultListener.class.getName(), new StateFaultLogging());
        }
    }
}
