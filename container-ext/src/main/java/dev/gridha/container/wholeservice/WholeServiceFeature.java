package dev.gridha.container.wholeservice;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.feature.AbstractPortableFeature;
import org.apache.cxf.feature.DelegatingFeature;
import org.apache.cxf.service.Service;

import dev.gridha.durability.runtime.deployment.WholeServiceDeployment;

/**
 * Whole-service replication for an endpoint whose implementor is a {@code WholeServiceState}: wraps the
 * endpoint's invoker so every request goes through the {@link WholeServiceDeployment}.
 */
public final class WholeServiceFeature extends DelegatingFeature<WholeServiceFeature.Portable> {

    public WholeServiceFeature(WholeServiceDeployment deployment) {
        super(new Portable(deployment));
    }

    public static final class Portable implements AbstractPortableFeature {
        private final WholeServiceDeployment deployment;

        Portable(WholeServiceDeployment deployment) {
            this.deployment = deployment;
        }

        @Override
        public void initialize(Server server, Bus bus) {
            Service service = server.getEndpoint().getService();
            service.setInvoker(new WholeServiceInvoker(service.getInvoker(), deployment));
        }
    }
}
