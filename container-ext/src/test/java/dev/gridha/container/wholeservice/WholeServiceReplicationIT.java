package dev.gridha.container.wholeservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.xml.ws.WebServiceException;

import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.ws.addressing.WSAddressingFeature;
import org.junit.jupiter.api.Test;

import dev.gridha.container.endpoint.ServiceEndpoints;
import dev.gridha.client.ClientOptions;
import dev.gridha.container.replication.soap.SoapStateEndpoint;
import dev.gridha.container.replication.soap.SoapStateTransfer;
import dev.gridha.container.replication.socket.SharedSecret;
import dev.gridha.container.replication.soap.ReplicationContainer;
import dev.gridha.durability.runtime.database.DatabaseConfig;
import dev.gridha.durability.runtime.deployment.DeploymentConfig;
import dev.gridha.durability.runtime.deployment.Role;
import dev.gridha.durability.runtime.deployment.WholeServiceDeployment;

/**
 * A service without a mapping, replicated whole (thesis ch. III): a real CXF endpoint in embedded Tomcat
 * whose state the container extracts after every request and injects into a backup, over the socket and
 * over the signed SOAP call.
 */
class WholeServiceReplicationIT {

    private static DeploymentConfig config(Role role, List<String> backups, SharedSecret secret) {
        return new DeploymentConfig(role, "tally", backups, 0, secret, Duration.ofSeconds(2),
                DatabaseConfig.h2InMemory("unused"), DeploymentConfig.Transport.SOCKET);
    }

    private static Tally client(String address) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(Tally.class);
        factory.setAddress(address);
        factory.getFeatures().add(new WSAddressingFeature());
        return (Tally) factory.create();
    }

    @Test
    void everyRequestsStateReachesTheBackupBeforeTheReplyAndAFailedRequestLeavesNothing() throws Exception {
        SharedSecret secret = SharedSecret.generate();
        TallyService backupService = new TallyService();
        TallyService primaryService = new TallyService();
        try (WholeServiceDeployment backup = WholeServiceDeployment.start(backupService,
                config(Role.BACKUP, List.of(), secret));
             WholeServiceDeployment primary = WholeServiceDeployment.start(primaryService,
                     config(Role.PRIMARY, List.of("127.0.0.1:" + backup.replicationPort()), secret));
             ReplicationContainer container = ReplicationContainer.start("tally")) {
            ServiceEndpoints.publish(container.bus(), "/tally", primaryService,
                    List.of(new WholeServiceFeature(primary)));
            Tally tally = client(container.address("/tally"));

            for (int i = 1; i <= 10; i++) {
                tally.add(i);
            }
            assertThat(tally.total()).isEqualTo(55);
            assertThat(backup.appliedThroughSequence()).isEqualTo(11);
            assertThat(backupService.total()).isEqualTo(55);

            assertThatThrownBy(() -> tally.add(-5)).isInstanceOf(WebServiceException.class)
                    .hasMessageContaining("negative amounts");
            assertThat(tally.total()).isEqualTo(55);
            assertThat(backupService.total()).isEqualTo(55);
        }
    }

    @Test
    void whenTheBackupIsGoneTheRequestFailsAndIsUndone() throws Exception {
        SharedSecret secret = SharedSecret.generate();
        TallyService primaryService = new TallyService();
        WholeServiceDeployment backup = WholeServiceDeployment.start(new TallyService(),
                config(Role.BACKUP, List.of(), secret));
        try (WholeServiceDeployment primary = WholeServiceDeployment.start(primaryService,
                config(Role.PRIMARY, List.of("127.0.0.1:" + backup.replicationPort()), secret));
             ReplicationContainer container = ReplicationContainer.start("tally-gone")) {
            ServiceEndpoints.publish(container.bus(), "/tally", primaryService,
                    List.of(new WholeServiceFeature(primary)));
            Tally tally = client(container.address("/tally"));
            tally.add(3);
            backup.close();

            assertThatThrownBy(() -> tally.add(4)).isInstanceOf(WebServiceException.class)
                    .hasMessageContaining("not every backup acknowledged");
            assertThat(primaryService.total()).isEqualTo(3);
        }
    }

    @Test
    void theStatesTravelOverTheSignedSoapTransportToo() throws Exception {
        SharedSecret secret = SharedSecret.generate();
        TallyService backupService = new TallyService();
        TallyService primaryService = new TallyService();
        try (ReplicationContainer container = ReplicationContainer.start("tally-soap");
             WholeServiceDeployment backup = WholeServiceDeployment.start(backupService,
                     soap(Role.BACKUP, List.of(), secret), url -> {
                         throw new IllegalStateException("a backup reaches no backups");
                     })) {
            SoapStateEndpoint.publish(container.bus(), "/replication", backup.backupReceiver(), secret);
            ClientOptions http = ClientOptions.defaults().withReceiveTimeout(Duration.ofSeconds(15));
            try (WholeServiceDeployment primary = WholeServiceDeployment.start(primaryService,
                    soap(Role.PRIMARY, List.of(container.address("/replication")), secret),
                    url -> SoapStateTransfer.to(container.bus(), url, secret, http))) {
                ServiceEndpoints.publish(container.bus(), "/tally", primaryService,
                        List.of(new WholeServiceFeature(primary)));
                Tally tally = client(container.address("/tally"));

                tally.add(4);
                tally.add(5);

                assertThat(backup.appliedThroughSequence()).isEqualTo(2);
                assertThat(backupService.total()).isEqualTo(9);
            }
        }
    }

    @Test
    void aBackupRefusesRequestsAndOtherTransportsNeedAWayToReachTheBackups() {
        SharedSecret secret = SharedSecret.generate();
        try (WholeServiceDeployment backup = WholeServiceDeployment.start(new TallyService(),
                config(Role.BACKUP, List.of(), secret))) {
            assertThatThrownBy(() -> backup.serve("r1", () -> 1))
                    .hasMessageContaining("this is a backup");
        }
        DeploymentConfig soap = new DeploymentConfig(Role.STANDALONE, "tally", List.of(), 0, null,
                Duration.ofSeconds(2), DatabaseConfig.h2InMemory("unused"), DeploymentConfig.Transport.SOAP);
        assertThatThrownBy(() -> WholeServiceDeployment.start(new TallyService(), soap))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pass a TransportFactory");
    }

    private static DeploymentConfig soap(Role role, List<String> backups, SharedSecret secret) {
        return new DeploymentConfig(role, "tally", backups, 0, secret, Duration.ofSeconds(15),
                DatabaseConfig.h2InMemory("unused"), DeploymentConfig.Transport.SOAP);
    }
}
