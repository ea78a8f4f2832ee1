package dev.gridha.container.chaos;

import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Whether every replica group this process is the primary of has at least one backup that could take over:
 * the condition for stopping it, since the kill that follows takes down all of its groups at once, and a group
 * without such a backup would have no one to take over. A process serves one group per web application, each
 * with its own copy of this class, so the check reads what every deployment of the process publishes over JMX
 * ({@code dev.gridha:type=DurableDeployment}: its {@code Role} and {@code BackupsInView}) at the moment it is
 * asked: a backup dropped from a view a moment ago holds the process back at once.
 */
final class PrimaryGroups {

    /** Every durable deployment a process publishes. */
    private static final ObjectName DEPLOYMENTS = deployments();

    private final MBeanServer server;

    PrimaryGroups() {
        this(ManagementFactory.getPlatformMBeanServer());
    }

    /** @param server where the deployments of one process publish their status */
    PrimaryGroups(MBeanServer server) {
        this.server = server;
    }

    private static ObjectName deployments() {
        try {
            return new ObjectName("dev.gridha:type=DurableDeployment,*");
        } catch (JMException e) {
            throw new IllegalStateException("the deployments' object name pattern", e);
        }
    }

    /** Whether this process is a primary, and every group it is primary of has a backup in its view. */
    boolean allBackedUp() {
        boolean primary = false;
        for (ObjectName deployment : server.queryNames(DEPLOYMENTS, null)) {
            try {
                if ("PRIMARY".equals(server.getAttribute(deployment, "Role"))) {
                    if (((Number) server.getAttribute(deployment, "BackupsInView")).intValue() < 1) {
                        return false;
                    }
                    primary = true;
                }
            } catch (JMException e) {
                return false; // a deployment closing as we ask: not a moment to stop
            }
        }
        return primary;
    }
}
