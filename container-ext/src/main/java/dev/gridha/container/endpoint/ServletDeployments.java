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
import dev.gridha.container.failover.notification.FailureNotificationEndpoints;
import dev.gridha.container.replication.notification.NotificationProducerEndpoint;
import dev.gridha.container.replication.notification.NotificationStateConsumer;
import dev.gridha.container.replication.notification.SubscribedTransfer;
import dev.gridha.container.replication.soap.SoapStateEndpoint;
import dev.gridha.container.replication.soap.SoapStateTransfer;
import dev.gridha.container.transaction.ServiceTransactionEndpoint;
import dev.gridha.container.transaction.ServiceTransactionFeature;
import dev.gridha.container.transaction.TransactionIds;
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

    /** Which of the service's compiled mappings a deployment uses (default: the main one). */
    public static final String MAPPING_PARAMETER = "gridha.mapping";

    /**
     * Where a backup's replication endpoint (the SOAP endpoint, or the WS-Notification consumer) is
     * published, below the servlet's mapping.
     */
    public static final String REPLICATION_PATH = "/replication";
    /** Where a durable service's transaction endpoint is published, below the servlet's mapping. */
    public static final String TRANSACTIONS_PATH = "/transactions";
    /** Where a primary on the notification transport publishes its NotificationProducer. */
    public static final String PRODUCER_PATH = "/replication-producer";
    /** Backup, notification transport: the primary's producer URL. */
    public static final String PRIMARY_PARAMETER = "gridha.replication.primary";
    /** Backup, notification transport: this backup's own consumer URL, as the primary will notify it. */
    public static final String ADDRESS_PARAMETER = "gridha.replication.address";

    /**
     * @param mappings the service's compiled mappings by file name, the main one first; the context
     *                 parameter {@value #MAPPING_PARAMETER} picks another
     * @throws IllegalArgumentException naming a malformed parameter (the WAR then fails to deploy)
     */
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
        ClientOptions http = ClientOptions.defaults().withReceiveTimeout(config.acknowledgementTimeout());
        NotificationProducerEndpoint producer = config.role() == Role.PRIMARY
                && config.transport() == DeploymentConfig.Transport.NOTIFICATION
                ? NotificationProducerEndpoint.publish(bus, PRODUCER_PATH, config.group(), config.secret(), http)
                : null;
        DurableDeployment deployment;
        try {
            deployment = DurableDeployment.start(descriptor, config, applicationPackages, RequestIds::current,
                    TransactionIds::current, backup -> producer != null
                            ? new SubscribedTransfer(producer, backup, config.acknowledgementTimeout())
                            : SoapStateTransfer.to(bus, backup, config.secret(), http));
        } catch (RuntimeException e) {
            if (producer != null) {
                producer.close();
            }
            throw e;
        }
        if (producer != null) {
            deployment.closeWith(producer);
        }
        String contextPath = context.getContextPath();
        deployment.registerStatus(contextPath.isEmpty() ? "/" : contextPath);
        return deployment;
    }

    /**
     * The service's transaction endpoint at {@value #TRANSACTIONS_PATH} (begin, commit, roll back); the
     * service's own endpoint takes part through {@link ServiceTransactionFeature}.
     */
    public static Server publishTransactions(Bus bus, DurableDeployment deployment) {
        return ServiceEndpoints.publish(bus, TRANSACTIONS_PATH, new ServiceTransactionEndpoint(deployment),
                List.of());
    }

    /**
     * A failover group's FAILURE notifications (below {@value FailureNotificationEndpoints#PRODUCER}): clients
     * subscribe at every replica, and the one that takes over tells them. Nothing without failover.
     */
    public static void publishFailureNotifications(Bus bus, DurableDeployment deployment) {
        DeploymentConfig config = deployment.config();
        if (!config.failover().enabled()) {
            return;
        }
        FailureNotificationEndpoints endpoints = FailureNotificationEndpoints.publish(bus, config.group());
        deployment.closeWith(endpoints);
        deployment.onPromotion(view -> endpoints.tookOver(view.epoch(), config.failover().self()));
    }

    /**
     * A backup's receiving endpoint for the SOAP transports: the SOAP replication endpoint (returned), or the
     * WS-Notification consumer subscribed at the primary (closed with the deployment). Nothing for other
     * roles and for the socket.
     */
    public static Optional<Server> publishReplication(ServletContext context, Bus bus, DurableDeployment deployment) {
        DeploymentConfig config = deployment.config();
        if (deployment.role() != Role.BACKUP || config.transport() == DeploymentConfig.Transport.SOCKET) {
            return Optional.empty();
        }
        if (config.transport() == DeploymentConfig.Transport.SOAP) {
            return Optional.of(SoapStateEndpoint.publish(bus, REPLICATION_PATH, deployment.backupReceiver(),
                    config.secret()));
        }
        String primary = required(context, PRIMARY_PARAMETER, "the primary's producer URL");
        String own = required(context, ADDRESS_PARAMETER, "this backup's consumer URL");
        deployment.closeWith(NotificationStateConsumer.subscribe(bus, REPLICATION_PATH, own, primary,
                deployment.backupReceiver(), config.secret(),
                ClientOptions.defaults().withReceiveTimeout(config.acknowledgementTimeout())));
        return Optional.empty();
    }

    private static String required(ServletContext context, String name, String what) {
        String value = context.getInitParameter(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required on a backup of the notification transport: "
                    + what);
        }
        return value.strip();
    }

    private static Path workFolder(ServletContext context) {
        Object temp = context.getAttribute(ServletContext.TEMPDIR);
        if (temp instanceof File folder) {
            return folder.toPath();
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "gridha" + context.getContextPath().replace('/', '-'));
    }
}
