package dev.gridha.container.endpoint;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.ServletContext;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;

import dev.gridha.client.ClientOptions;
import dev.gridha.container.replication.soap.SoapStateEndpoint;
import dev.gridha.container.replication.soap.SoapStateTransfer;
import dev.gridha.durability.runtime.deployment.Role;

import dev.gridha.durability.runtime.deployment.DeploymentConfig;
import dev.gridha.durability.runtime.deployment.DurableDeployment;
import dev.gridha.durability.runtime.mapping.DurabilityDescriptor;

/**
 * Starts a WAR's durable deployment from its servlet context: the mapping and the configuration come from
 * the context parameters ({@link DeploymentConfig}), the default H2 database lives in the webapp's work folder, and
 * request ids are the WS-Addressing MessageIDs.
 */
public final class ServletDeployments {

    private ServletDeployments() {
    }

    /**
     * @throws IllegalArgumentException naming a malformed parameter (the WAR then fails to deploy)
     */
    public static final String MAPPING_PARAMETER = "gridha.mapping";

    /**
     * @param mappings the service's compiled mappings by file name, the main one first; the context
     *                 parameter {@value #MAPPING_PARAMETER} picks another
     */
    /** Where a backup's SOAP replication endpoint is published, below the servlet's mapping. */
    public static final String REPLICATION_PATH = "/replication";

    public static DurableDeployment start(ServletContext context, Bus bus, Map<String, DurabilityDescriptor> mappings,
                                          List<String> applicationPackages) {
        String chosen = context.getInitParameter(MAPPING_PARAMETER);
        DurabilityDescriptor descriptor = chosen == null || chosen.isBlank()
                ? mappings.values().iterator().next() : mappings.get(chosen.strip());
        if (descriptor == null) {
            throw new IllegalArgumentException(MAPPING_PARAMETER + " = '" + chosen + "' is not one of this service's"
                    + " compiled mappings " + mappings.keySet());
        }
        String service = descriptor.service().substring(descriptor.service().lastIndexOf('.') + 1);
        DeploymentConfig config = DeploymentConfig.fromParameters(context::getInitParameter, service,
                workFolder(context));
        DurableDeployment deployment = DurableDeployment.start(descriptor, config, applicationPackages,
                RequestIds::current, backup -> SoapStateTransfer.to(bus, backup, config.secret(), ClientOptions.defaults()
                        .withReceiveTimeout(config.acknowledgementTimeout())));
        String contextPath = context.getContextPath();
        deployment.registerStatus(contextPath.isEmpty() ? "/" : contextPath);
        return deployment;
    }

    /**
     * The backup's SOAP replication endpoint, when it receives over SOAP; nothing for other roles and
     * transports.
     */
    public static Optional<Server> publishReplication(Bus bus, DurableDeployment deployment) {
        if (deployment.role() != Role.BACKUP || deployment.config().transport() != DeploymentConfig.Transport.SOAP) {
            return Optional.empty();
        }
        return Optional.of(SoapStateEndpoint.publish(bus, REPLICATION_PATH, deployment.backupReceiver(),
                deployment.config().secret()));
    }

    private static Path workFolder(ServletContext context) {
        Object temp = context.getAttribute(ServletContext.TEMPDIR);
        if (temp instanceof File folder) {
            return folder.toPath();
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "gridha" + context.getContextPath().replace('/', '-'));
    }
}
