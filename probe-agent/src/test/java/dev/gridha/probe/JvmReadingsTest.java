package dev.gridha.probe;

import static org.assertj.core.api.Assertions.assertThat;

import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

class JvmReadingsTest {

    /** The shape of the container's deployment status MBean, as far as the agent reads it. */
    public interface DeploymentMBean {
        String getGroup();

        String getRole();

        int getBackupsInView();
    }

    public record Deployment(String getGroup, String getRole, int getBackupsInView) implements DeploymentMBean {
    }

    @Test
    void theRolesOfReplicatedDeploymentsAreReadFromTheirStatusMBeans() throws Exception {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        register(server, "/matchmaker", new Deployment("matchmaker", "BACKUP", 0));
        register(server, "/counter", new Deployment("counter", "PRIMARY", 2));
        register(server, "/standalone", new Deployment("alone", "STANDALONE", 0));
        server.registerMBean(new Deployment("other", "PRIMARY", 1), new ObjectName("other:type=DurableDeployment"));

        assertThat(JvmReadings.replicaRoles(server)).containsExactly(new ReplicaRole("counter", "PRIMARY", 2),
                new ReplicaRole("matchmaker", "BACKUP", 0));
    }

    @Test
    void aContainerWithoutReplicatedDeploymentsReportsNoRoles() {
        assertThat(JvmReadings.replicaRoles(MBeanServerFactory.newMBeanServer())).isEmpty();
        assertThat(JvmReadings.now().replicas()).isEmpty();
    }

    private static void register(MBeanServer server, String name, Deployment deployment) throws Exception {
        server.registerMBean(deployment, new ObjectName("dev.gridha:type=DurableDeployment,name=" + ObjectName.quote(name)));
    }
}
