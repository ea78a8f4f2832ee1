package dev.gridha.launcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.management.ObjectName;

import org.awaitility.Awaitility;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;

import dev.gridha.client.CounterClient;
import dev.gridha.client.GridServiceFault;
import dev.gridha.client.MatchmakerClient;
import dev.gridha.client.RemoteCounter;
import dev.gridha.client.ServiceTransaction;
import dev.gridha.client.TransactionClient;
import dev.gridha.container.replication.socket.SharedSecret;
import dev.gridha.launcher.embedded.EmbeddedGrid;
import dev.gridha.launcher.embedded.GridWars;
import dev.gridha.launcher.embedded.Webapp;

/**
 * The compiled durable services deployed as WARs: state that survives a restart of the webapp, a database
 * that goes away under a running service, and a Matchmaker primary replicating to a backup in another
 * webapp over the authenticated socket. Each test deploys its own contexts into the shared Tomcat.
 */
class DurabilityIT {

    private static final EmbeddedGrid GRID = SharedGrid.get();

    private static Webapp counter(String path, Map<String, String> parameters) {
        return new Webapp(path, GridWars.all().get(GridWars.COUNTER), parameters);
    }

    private static Webapp matchmaker(String path, Map<String, String> parameters) {
        return new Webapp(path, GridWars.all().get(GridWars.MATCHMAKER), parameters);
    }

    @Test
    void countersSurviveARestartOfTheirWebappThroughTheDatabase() {
        String path = "/counter-restart";
        GRID.deploy(counter(path, Map.of()));
        try {
            CounterClient client = new CounterClient(GRID.endpoint(path, "/services/counter"));
            RemoteCounter a = client.create(100);
            RemoteCounter b = client.create();
            a.add(5);
            b.add(-3);
            RemoteCounter gone = client.create(1);
            gone.destroy();

            GRID.restart(path);

            assertThat(client.bind(a.endpointReference()).value()).isEqualTo(105);
            assertThat(client.bind(b.endpointReference()).add(4)).isEqualTo(1);
            assertThatThrownBy(() -> client.bind(gone.endpointReference()).value())
                    .isInstanceOfSatisfying(GridServiceFault.class,
                            f -> assertThat(f.faultName()).isEqualTo("ResourceUnknownFault"));
        } finally {
            GRID.undeploy(path);
        }
    }

    @Test
    void aServiceTransactionMakesSeveralRequestsDurableTogetherOrNotAtAll() throws Exception {
        String path = "/counter-transactions";
        GRID.deploy(counter(path, Map.of()));
        try {
            CounterClient client = new CounterClient(GRID.endpoint(path, "/services/counter"));
            TransactionClient transactions = new TransactionClient(GRID.endpoint(path, "/services/transactions"));
            RemoteCounter from = client.create(100);
            RemoteCounter to = client.create(0);

            try (ServiceTransaction transfer = transactions.begin(Duration.ofSeconds(30))) {
                transfer.run(() -> {
                    from.add(-30);
                    to.add(30);
                });
                assertThat(transfer.call(from::value)).as("the transaction sees its own updates").isEqualTo(70);
                assertThatThrownBy(from::value).as("nobody else does while it is open")
                        .isInstanceOfSatisfying(GridServiceFault.class,
                                f -> assertThat(f.errorCode()).isEqualTo("state.busy"));
                transfer.commit();
            }
            try (ServiceTransaction abandoned = transactions.begin(Duration.ofSeconds(30))) {
                abandoned.run(() -> {
                    from.add(-50);
                    to.add(50);
                });
            } // closed without commit: rolled back
            ServiceTransaction expiring = transactions.begin(Duration.ofSeconds(1));
            expiring.run(() -> to.add(1000));
            Thread.sleep(2_500); // the service sweeps expired transactions every second
            assertThatThrownBy(expiring::commit).isInstanceOfSatisfying(GridServiceFault.class, f -> {
                assertThat(f.errorCode()).isEqualTo("transaction.unknown");
                assertThat(f.getMessage()).contains("timeout");
            });

            GRID.restart(path);

            assertThat(client.bind(from.endpointReference()).value()).isEqualTo(70);
            assertThat(client.bind(to.endpointReference()).value()).isEqualTo(30);
            assertThatThrownBy(() -> transactions.begin(Duration.ofHours(1)))
                    .isInstanceOfSatisfying(GridServiceFault.class,
                            f -> assertThat(f.errorCode()).isEqualTo("transaction.invalid-timeout"));
        } finally {
            GRID.undeploy(path);
        }
    }

    @Test
    void anAllDatabaseMatchmakerComesBackWithItsMachinesAndRunningJobs() {
        String path = "/mm-database";
        GRID.deploy(matchmaker(path, Map.of("gridha.mapping", "matchmaker-database.xml")));
        try {
            MatchmakerClient matchmaker = new MatchmakerClient(GRID.endpoint(path, "/services/matchmaker"));
            matchmaker.advertise("small", 1000, 1024, 10, URI.create("http://small"), List.of("ssd"));
            matchmaker.advertise("large-1", 4000, 16384, 500, URI.create("http://large-1"), List.of());
            matchmaker.advertise("large-2", 4000, 16384, 500, URI.create("http://large-2"), List.of());
            assertThat(matchmaker.submit("j1", "alice", 2000, 2048, 20, 0).machineId()).isEqualTo("large-1");
            assertThat(matchmaker.submit("j2", "alice", 500, 512, 5, 0).machineId()).isEqualTo("small");
            matchmaker.advertise("small", 1500, 1024, 10, URI.create("http://small"), List.of("ssd", "gpu"));

            GRID.restart(path);

            assertThat(matchmaker.machineCount()).isEqualTo(3);
            assertThat(matchmaker.freeMachineCount()).isEqualTo(1);
            assertThat(matchmaker.submit("j3", "bob", 2000, 2048, 20, 0).machineId())
                    .as("the database's choice and the queue's agree after recovery").isEqualTo("large-2");
            assertThat(matchmaker.complete("j1", 10)).isEqualTo("large-1");
            assertThat(matchmaker.submit("j4", "bob", 2000, 2048, 20, 0).machineId()).isEqualTo("large-1");
            assertThat(matchmaker.account("alice").getJobsSubmitted()).isEqualTo(2);
        } finally {
            GRID.undeploy(path);
        }
    }

    @Test
    void whileTheDatabaseIsDownRequestsFailWithResourceUnavailableAndChangeNothingThenServiceResumes()
            throws Exception {
        Server database = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        int port = database.getPort();
        String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:outage" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=MySQL;DB_CLOSE_DELAY=-1";
        String path = "/counter-outage";
        GRID.deploy(counter(path, Map.of("gridha.database.url", url, "gridha.database.user", "sa")));
        try {
            CounterClient client = new CounterClient(GRID.endpoint(path, "/services/counter"));
            RemoteCounter counter = client.create(10);
            counter.add(1);

            database.stop();
            assertThatThrownBy(() -> counter.add(5)).isInstanceOfSatisfying(GridServiceFault.class, fault -> {
                assertThat(fault.faultName()).isEqualTo("ResourceUnavailableFault");
                assertThat(fault.errorCode()).isEqualTo("state.database-unavailable");
                assertThat(fault.getMessage()).contains("nothing changed");
            });
            assertThatThrownBy(() -> client.create(1)).isInstanceOfSatisfying(GridServiceFault.class,
                    fault -> assertThat(fault.errorCode()).isEqualTo("state.database-unavailable"));
            assertThat(counter.value()).isEqualTo(11);

            database = Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists").start();
            assertThat(counter.add(5)).isEqualTo(16);
            assertThat(client.create(3).add(1)).isEqualTo(4);
        } finally {
            database.stop();
            GRID.undeploy(path);
        }
    }

    @Test
    void aMatchmakerPrimaryRepliesOnlyWhenItsBackupHoldsTheUpdateAndFailsWhenTheBackupIsGone() throws Exception {
        String secret = SharedSecret.generate().toBase64();
        int replicationPort = freePort();
        GRID.deploy(matchmaker("/mm-backup", Map.of("gridha.role", "backup", "gridha.group", "mm",
                "gridha.replication.port", String.valueOf(replicationPort), "gridha.replication.secret", secret)));
        boolean backupDeployed = true;
        try {
            GRID.deploy(matchmaker("/mm-primary", Map.of("gridha.role", "primary", "gridha.group", "mm",
                    "gridha.backups", "127.0.0.1:" + replicationPort, "gridha.replication.secret", secret,
                    "gridha.replication.timeout-ms", "1000")));
            try {
                MatchmakerClient primary = new MatchmakerClient(GRID.endpoint("/mm-primary", "/services/matchmaker"));
                MatchmakerClient backup = new MatchmakerClient(GRID.endpoint("/mm-backup", "/services/matchmaker"));
                for (int i = 0; i < 3; i++) {
                    primary.advertise("m" + i, 2000, 4096, 100, URI.create("http://m" + i), List.of());
                }
                primary.submit("job-1", "alice", 1000, 1024, 10, 0);

                assertThat(sequence("/mm-primary")).isEqualTo(4);
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sequence("/mm-backup") == 4);
                assertThatThrownBy(() -> backup.advertise("m9", 1, 1, 1, URI.create("http://m9"), List.of()))
                        .isInstanceOfSatisfying(GridServiceFault.class,
                                fault -> assertThat(fault.errorCode()).isEqualTo("state.not-primary"));

                GRID.undeploy("/mm-backup");
                backupDeployed = false;
                assertThatThrownBy(() -> primary.submit("job-2", "alice", 1000, 1024, 10, 0))
                        .isInstanceOfSatisfying(GridServiceFault.class, fault -> {
                            assertThat(fault.faultName()).isEqualTo("ResourceUnavailableFault");
                            assertThat(fault.errorCode()).isEqualTo("state.replication-failed");
                        });
                // the refused request changed nothing: the machine it would have taken is still free
                assertThat(primary.freeMachineCount()).isEqualTo(2);
                assertThat(primary.account("alice").getJobsSubmitted()).isEqualTo(1);
            } finally {
                GRID.undeploy("/mm-primary");
            }
        } finally {
            if (backupDeployed) {
                GRID.undeploy("/mm-backup");
            }
        }
    }

    @Test
    void aPrimaryCanReplicateOverSignedSoapCalls() throws Exception {
        String secret = SharedSecret.generate().toBase64();
        GRID.deploy(counter("/counter-soap-backup", Map.of("gridha.role", "backup", "gridha.group", "soap",
                "gridha.mapping", "counter-replicated.xml", "gridha.replication.transport", "soap",
                "gridha.replication.secret", secret)));
        try {
            String backupUrl = GRID.endpoint("/counter-soap-backup", "/services/replication").toString();
            GRID.deploy(counter("/counter-soap", Map.of("gridha.role", "primary", "gridha.group", "soap",
                    "gridha.mapping", "counter-replicated.xml", "gridha.replication.transport", "soap",
                    "gridha.backups", backupUrl, "gridha.replication.secret", secret,
                    // the first signed call sets up WSS4J's caches and CXF's client: seconds, once
                    "gridha.replication.timeout-ms", "15000")));
            try {
                RemoteCounter counter = new CounterClient(GRID.endpoint("/counter-soap", "/services/counter"))
                        .create(5);
                for (int i = 0; i < 10; i++) {
                    counter.add(1);
                }
                assertThat(counter.value()).isEqualTo(15);
                assertThat(sequence("/counter-soap")).isEqualTo(11);
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sequence("/counter-soap-backup") == 11);
            } finally {
                GRID.undeploy("/counter-soap");
            }
        } finally {
            GRID.undeploy("/counter-soap-backup");
        }
    }

    @Test
    void aBackupCanSubscribeToItsPrimarysStateUpdatesOverWsNotification() throws Exception {
        String secret = SharedSecret.generate().toBase64();
        String backupConsumer = GRID.endpoint("/counter-wsn-backup", "/services/replication").toString();
        String primaryProducer = GRID.endpoint("/counter-wsn", "/services/replication-producer").toString();
        Map<String, String> common = Map.of("gridha.group", "wsn", "gridha.mapping", "counter-replicated.xml",
                "gridha.replication.transport", "notification", "gridha.replication.secret", secret,
                "gridha.replication.timeout-ms", "15000");
        Map<String, String> primary = new java.util.HashMap<>(common);
        primary.putAll(Map.of("gridha.role", "primary", "gridha.backups", backupConsumer));
        GRID.deploy(counter("/counter-wsn", primary));
        try {
            Map<String, String> backup = new java.util.HashMap<>(common);
            backup.putAll(Map.of("gridha.role", "backup", "gridha.replication.primary", primaryProducer,
                    "gridha.replication.address", backupConsumer));
            GRID.deploy(counter("/counter-wsn-backup", backup));
            try {
                RemoteCounter counter = new CounterClient(GRID.endpoint("/counter-wsn", "/services/counter"))
                        .create(1);
                for (int i = 0; i < 5; i++) {
                    counter.add(2);
                }
                assertThat(counter.value()).isEqualTo(11);
                assertThat(sequence("/counter-wsn")).isEqualTo(6);
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sequence("/counter-wsn-backup") == 6);
            } finally {
                GRID.undeploy("/counter-wsn-backup");
            }
        } finally {
            GRID.undeploy("/counter-wsn");
        }
    }

    @Test
    void aWsNotificationBackupThatNeverSubscribesFailsTheRequestInsteadOfLettingItReply() {
        GRID.deploy(counter("/counter-wsn-alone", Map.of("gridha.role", "primary", "gridha.group", "wsn-alone",
                "gridha.mapping", "counter-replicated.xml", "gridha.replication.transport", "notification",
                "gridha.replication.secret", SharedSecret.generate().toBase64(),
                "gridha.replication.timeout-ms", "500",
                "gridha.backups", "http://127.0.0.1:9/nobody/services/replication")));
        try {
            CounterClient client = new CounterClient(GRID.endpoint("/counter-wsn-alone", "/services/counter"));
            assertThatThrownBy(() -> client.create(1)).isInstanceOfSatisfying(GridServiceFault.class, fault -> {
                assertThat(fault.errorCode()).isEqualTo("state.replication-failed");
                assertThat(fault.getMessage()).contains("has not subscribed");
            });
        } finally {
            GRID.undeploy("/counter-wsn-alone");
        }
    }

    @Test
    void aMalformedDeploymentParameterKeepsTheWebappFromStartingAndNamesTheParameter() {
        assertThatThrownBy(() -> GRID.deploy(counter("/counter-bad", Map.of("gridha.mapping", "nonesuch.xml"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("did not start");
        assertThat(new CounterClient(SharedGrid.counterEndpoint()).create(1).add(1)).isEqualTo(2);
    }

    private static long sequence(String contextPath) throws Exception {
        ObjectName name = new ObjectName("dev.gridha:type=DurableDeployment,name=" + ObjectName.quote(contextPath));
        return (Long) ManagementFactory.getPlatformMBeanServer().getAttribute(name, "Sequence");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
