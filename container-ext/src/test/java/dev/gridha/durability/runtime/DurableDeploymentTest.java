package dev.gridha.durability.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gridha.container.replication.socket.SharedSecret;
import dev.gridha.durability.runtime.database.DatabaseConfig;
import dev.gridha.durability.runtime.database.DatabaseUnavailableException;
import dev.gridha.durability.runtime.database.StateDatabase;
import dev.gridha.durability.runtime.deployment.DeploymentConfig;
import dev.gridha.durability.runtime.deployment.DurableDeployment;
import dev.gridha.durability.runtime.deployment.NotPrimaryException;
import dev.gridha.durability.runtime.deployment.Role;

/**
 * A deployment as a WAR runs it: the generated service's descriptor, a database, and for replicated groups a
 * real primary and backup connected over an authenticated loopback socket.
 */
class DurableDeploymentTest {

    private static final List<String> PACKAGES = List.of("dev.gridha.durability.runtime");
    private final AtomicInteger requests = new AtomicInteger();

    @TempDir
    Path folder;

    private DurableDeployment start(DeploymentConfig config) {
        return DurableDeployment.start(DeployedTestService.DURABILITY, config, PACKAGES,
                () -> "urn:uuid:request-" + requests.incrementAndGet());
    }

    /** A deployment whose requests belong to the service transaction {@code transaction} holds, if any. */
    private DurableDeployment start(DeploymentConfig config, java.util.concurrent.atomic.AtomicReference<String> transaction) {
        return DurableDeployment.start(DeployedTestService.DURABILITY, config, PACKAGES,
                () -> "urn:uuid:request-" + requests.incrementAndGet(), transaction::get, null);
    }

    private static DeploymentConfig standalone(DatabaseConfig database) {
        return DeploymentConfig.standalone("counters", database);
    }

    @Test
    void stateSurvivesARestartThroughTheDatabase() {
        DatabaseConfig database = DatabaseConfig.h2File(folder.resolve("state"));
        try (DurableDeployment first = start(standalone(database))) {
            DeployedTestService service = new DeployedTestService(first);
            first.bind(service, keyed((key, state) -> { }));
            service.create("a", 1);
            service.create("b", 10);
            service.add("a", 4);
            service.add("b", 5);
        }

        Map<String, Integer> recovered = new HashMap<>();
        try (DurableDeployment second = start(standalone(database))) {
            second.bind(new DeployedTestService(second),
                    keyed((key, state) -> recovered.put(key, ((TestCounter) state).getValue())));
        }

        assertThat(recovered).containsExactlyInAnyOrderEntriesOf(Map.of("a", 5, "b", 15));
    }

    @Test
    void recoveryReplaysRowsWithoutWritingThem() {
        DatabaseConfig database = DatabaseConfig.h2File(folder.resolve("state"));
        try (DurableDeployment first = start(standalone(database))) {
            DeployedTestService service = new DeployedTestService(first);
            first.bind(service, keyed((key, state) -> { }));
            service.create("a", 7);
        }
        try (DurableDeployment second = start(standalone(database))) {
            // recovery runs outside any request: if it wrote through the proxy it would throw
            second.bind(new DeployedTestService(second), keyed((key, state) -> { }));
        }
        assertThat(rows(database)).containsExactly(Map.entry("a", 7));
    }

    @Test
    void aDestroyedResourceLosesItsRowAndAFailedDestroyPutsItBack() {
        DatabaseConfig database = DatabaseConfig.h2File(folder.resolve("state"));
        try (DurableDeployment deployment = start(standalone(database))) {
            DeployedTestService service = new DeployedTestService(deployment);
            deployment.bind(service, keyed((key, state) -> { }));
            service.create("a", 1);
            service.create("b", 2);

            deployment.destroyed("counter", "a", () -> { });
            assertThat(rows(database)).containsOnlyKeys("b");

            int[] undone = {0};
            assertThatThrownBy(() -> deployment.destroyed("counter", "missing", () -> undone[0]++))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("no database context");
            assertThat(rows(database)).containsOnlyKeys("b");
        }
    }

    @Test
    void aPrimaryRepliesOnlyAfterTheBackupHoldsTheUpdateAndTheBackupReplaysIt() {
        SharedSecret secret = SharedSecret.generate();
        DeploymentConfig backupConfig = new DeploymentConfig(Role.BACKUP, "counters", List.of(), 0, secret,
                Duration.ofSeconds(2), DatabaseConfig.h2File(folder.resolve("backup")), DeploymentConfig.Transport.SOCKET);
        try (DurableDeployment backup = start(backupConfig)) {
            DeployedTestService backupService = new DeployedTestService(backup);
            backup.bind(backupService, keyed((key, state) -> { }));
            DeploymentConfig primaryConfig = new DeploymentConfig(Role.PRIMARY, "counters",
                    List.of("127.0.0.1:" + backup.replicationPort()),
                    0, secret, Duration.ofSeconds(2), DatabaseConfig.h2File(folder.resolve("primary")), DeploymentConfig.Transport.SOCKET);
            try (DurableDeployment primary = start(primaryConfig)) {
                DeployedTestService service = new DeployedTestService(primary);
                primary.bind(service, keyed((key, state) -> { }));
                service.create("a", 0);
                for (int i = 1; i <= 20; i++) {
                    service.add("a", i);
                }

                assertThat(service.total().getValue()).isEqualTo(210);
                assertThat(backup.appliedThroughSequence()).isEqualTo(20);
                assertThat(backupService.total().getValue()).isEqualTo(210);
            }
        }
    }

    @Test
    void aServiceTransactionReachesTheDatabaseAndTheBackupOnlyWhenItCommits() {
        SharedSecret secret = SharedSecret.generate();
        var transaction = new java.util.concurrent.atomic.AtomicReference<String>();
        DatabaseConfig primaryDatabase = DatabaseConfig.h2File(folder.resolve("primary"));
        try (DurableDeployment backup = start(new DeploymentConfig(Role.BACKUP, "counters", List.of(), 0, secret,
                Duration.ofSeconds(2), DatabaseConfig.h2File(folder.resolve("backup")),
                DeploymentConfig.Transport.SOCKET))) {
            DeployedTestService backupService = new DeployedTestService(backup);
            backup.bind(backupService, keyed((key, state) -> { }));
            try (DurableDeployment primary = start(new DeploymentConfig(Role.PRIMARY, "counters",
                    List.of("127.0.0.1:" + backup.replicationPort()), 0, secret, Duration.ofSeconds(2),
                    primaryDatabase, DeploymentConfig.Transport.SOCKET), transaction)) {
                DeployedTestService service = new DeployedTestService(primary);
                primary.bind(service, keyed((key, state) -> { }));
                service.create("a", 0);

                String committed = primary.beginTransaction(Duration.ofSeconds(30));
                transaction.set(committed);
                service.add("a", 5);
                service.add("a", 7);
                transaction.set(null);
                assertThat(rows(primaryDatabase)).as("not committed yet").containsExactly(Map.entry("a", 0));
                assertThat(backup.appliedThroughSequence()).as("nothing has left").isZero();

                primary.commitTransaction(committed);
                assertThat(rows(primaryDatabase)).containsExactly(Map.entry("a", 12));
                assertThat(backup.appliedThroughSequence()).as("one update for the whole transaction").isEqualTo(1);
                assertThat(backupService.total().getValue()).isEqualTo(12);

                String rolledBack = primary.beginTransaction(Duration.ofSeconds(30));
                transaction.set(rolledBack);
                service.add("a", 100);
                transaction.set(null);
                primary.rollBackTransaction(rolledBack);

                assertThat(rows(primaryDatabase)).containsExactly(Map.entry("a", 12));
                assertThat(service.total().getValue()).isEqualTo(12);
                assertThat(service.counters.get("a").getValue()).isEqualTo(12);
                assertThat(backup.appliedThroughSequence()).isEqualTo(1);
                assertThatThrownBy(() -> backup.beginTransaction(Duration.ofSeconds(1)))
                        .isInstanceOf(NotPrimaryException.class);
            }
        }
    }

    @Test
    void aRestartedPrimaryCannotMakeTheOldBackupAcknowledgeWhatItWillNeverApply() throws Exception {
        SharedSecret secret = SharedSecret.generate();
        try (DurableDeployment backup = start(new DeploymentConfig(Role.BACKUP, "counters", List.of(), 0, secret,
                Duration.ofSeconds(2), DatabaseConfig.h2File(folder.resolve("backup")), DeploymentConfig.Transport.SOCKET))) {
            backup.bind(new DeployedTestService(backup), keyed((key, state) -> { }));
            DeploymentConfig primaryConfig = new DeploymentConfig(Role.PRIMARY, "counters",
                    List.of("127.0.0.1:" + backup.replicationPort()),
                    0, secret, Duration.ofSeconds(2), DatabaseConfig.h2File(folder.resolve("primary")), DeploymentConfig.Transport.SOCKET);
            try (DurableDeployment first = start(primaryConfig)) {
                DeployedTestService service = new DeployedTestService(first);
                first.bind(service, keyed((key, state) -> { }));
                service.create("a", 0);
                service.add("a", 1);
            }
            Thread.sleep(2); // the next start is a later epoch
            try (DurableDeployment restarted = start(primaryConfig)) {
                DeployedTestService service = new DeployedTestService(restarted);
                restarted.bind(service, keyed((key, state) -> service.counters.put(key, (TestCounter) state)));

                assertThatThrownBy(() -> service.add("a", 1))
                        .isInstanceOf(dev.gridha.container.replication.ReplicationFailedException.class)
                        .hasMessageContaining("must be re-synchronized");
                assertThat(service.total().getValue()).isZero();
            }
            assertThat(backup.appliedThroughSequence()).isEqualTo(1);
        }
    }

    @Test
    void keyedReplicatedObjectsAreCreatedAndDestroyedOnTheBackupWithTheirState() {
        SharedSecret secret = SharedSecret.generate();
        Map<String, TestCounter> onBackup = new java.util.concurrent.ConcurrentHashMap<>();
        DeploymentConfig backupConfig = new DeploymentConfig(Role.BACKUP, "counters", List.of(), 0, secret,
                Duration.ofSeconds(2), DatabaseConfig.h2File(folder.resolve("backup")), DeploymentConfig.Transport.SOCKET);
        try (DurableDeployment backup = DurableDeployment.start(DeployedTestService.ALL_REPLICATED, backupConfig,
                PACKAGES, () -> null)) {
            backup.bind(new DeployedTestService(backup), new DurableDeployment.KeyedObjects() {
                @Override
                public void recovered(String stateObject, String key, DurableState object) {
                    onBackup.put(key, (TestCounter) object);
                }

                @Override
                public void discarded(String stateObject, String key) {
                    onBackup.remove(key);
                }
            });
            DeploymentConfig primaryConfig = new DeploymentConfig(Role.PRIMARY, "counters",
                    List.of("127.0.0.1:" + backup.replicationPort()),
                    0, secret, Duration.ofSeconds(2), DatabaseConfig.h2File(folder.resolve("primary")), DeploymentConfig.Transport.SOCKET);
            try (DurableDeployment primary = DurableDeployment.start(DeployedTestService.ALL_REPLICATED,
                    primaryConfig, PACKAGES, () -> "r" + requests.incrementAndGet())) {
                DeployedTestService service = new DeployedTestService(primary);
                primary.bind(service, keyed((key, state) -> { }));
                service.create("a", 40);
                service.create("b", 7);
                service.add("a", 2);
                service.destroy("b", primary);

                assertThat(backup.appliedThroughSequence()).isEqualTo(4);
                assertThat(onBackup).containsOnlyKeys("a");
                assertThat(onBackup.get("a").getValue()).isEqualTo(42);
                assertThat(onBackup.get("a").history()).containsExactly(40);
            }
        }
    }

    @Test
    void aBackupRefusesRequests() {
        DeploymentConfig backupConfig = new DeploymentConfig(Role.BACKUP, "counters", List.of(), 0,
                SharedSecret.generate(), Duration.ofSeconds(2), DatabaseConfig.h2File(folder.resolve("backup")), DeploymentConfig.Transport.SOCKET);
        try (DurableDeployment backup = start(backupConfig)) {
            DeployedTestService service = new DeployedTestService(backup);
            backup.bind(service, keyed((key, state) -> { }));

            assertThatThrownBy(() -> service.create("a", 1)).isInstanceOf(NotPrimaryException.class)
                    .hasMessageContaining("is a backup");
            assertThatThrownBy(() -> service.total().setValue(5)).isInstanceOf(NotPrimaryException.class);
            assertThat(service.total().getValue()).isZero();
        }
    }

    @Test
    void aPrimaryWhoseBackupIsNotThereDoesNotStart() {
        DeploymentConfig primaryConfig = new DeploymentConfig(Role.PRIMARY, "counters",
                List.of("127.0.0.1:1"), 0, SharedSecret.generate(),
                Duration.ofMillis(500), DatabaseConfig.h2File(folder.resolve("primary")), DeploymentConfig.Transport.SOCKET);
        assertThatThrownBy(() -> start(primaryConfig)).hasMessageContaining("127.0.0.1:1");
    }

    @Test
    void aRequestThatFailsOnTheDatabaseChangesNothingAndServiceResumesWhenItReturns() throws Exception {
        org.h2.tools.Server server = org.h2.tools.Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        String name = "d" + UUID.randomUUID().toString().replace("-", "");
        DatabaseConfig database = new DatabaseConfig("jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/mem:" + name
                + ";MODE=MySQL;DB_CLOSE_DELAY=-1", "sa", "", 2);
        try (DurableDeployment deployment = start(standalone(database))) {
            DeployedTestService service = new DeployedTestService(deployment);
            deployment.bind(service, keyed((key, state) -> { }));
            service.create("a", 1);
            int port = server.getPort();
            server.stop();

            assertThatThrownBy(() -> service.add("a", 5)).isInstanceOf(DatabaseUnavailableException.class);
            assertThat(service.counters.get("a").getValue()).isEqualTo(1);
            assertThat(service.total().getValue()).isZero();

            server = org.h2.tools.Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists").start();
            assertThat(service.add("a", 5)).isEqualTo(6);
            assertThat(rows(database)).containsExactly(Map.entry("a", 6));
        } finally {
            server.stop();
        }
    }

    @Test
    void aResubmissionAfterARestartIsAnsweredFromTheDatabaseNotExecutedAgain() {
        DatabaseConfig database = DatabaseConfig.h2File(folder.resolve("state"));
        java.util.concurrent.atomic.AtomicReference<String> request = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.function.Supplier<DurableDeployment> deploy = () -> DurableDeployment.start(
                DeployedTestService.DURABILITY, standalone(database), PACKAGES, request::get);
        try (DurableDeployment first = deploy.get()) {
            DeployedTestService service = new DeployedTestService(first);
            first.bind(service, keyed((key, state) -> service.counters.put(key, (TestCounter) state)));
            request.set("urn:uuid:create");
            service.create("x", 0);
            request.set("ft:client-1:1");
            assertThat(service.add("x", 5)).isEqualTo(5);
        } // the service stops after committing: say the reply never reached the client

        try (DurableDeployment second = deploy.get()) {
            DeployedTestService service = new DeployedTestService(second);
            second.bind(service, keyed((key, state) -> service.counters.put(key, (TestCounter) state)));
            request.set("ft:client-1:1"); // the client resubmits
            assertThat(service.add("x", 5)).isEqualTo(5);
            assertThat(rows(database)).containsEntry("x", 5);
            request.set("ft:client-1:2");
            assertThat(service.add("x", 1)).isEqualTo(6);
        }
        assertThat(rows(database)).containsEntry("x", 6);
    }

    @Test
    void malformedParametersAreNamed() {
        Map<String, String> parameters = new HashMap<>(Map.of("gridha.role", "leader"));
        assertThatThrownBy(() -> DeploymentConfig.fromParameters(parameters::get, "s", folder))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gridha.role = 'leader' is not standalone, primary or backup");
        parameters.put("gridha.role", "primary");
        assertThatThrownBy(() -> DeploymentConfig.fromParameters(parameters::get, "s", folder))
                .hasMessageContaining("needs gridha.replication.secret");
        parameters.put("gridha.replication.secret", SharedSecret.generate().toBase64());
        parameters.put("gridha.backups", "localhost");
        assertThatThrownBy(() -> DeploymentConfig.fromParameters(parameters::get, "s", folder))
                .hasMessageStartingWith("gridha.backups = 'localhost' is not host:port");
        parameters.put("gridha.backups", "localhost:70000");
        assertThatThrownBy(() -> DeploymentConfig.fromParameters(parameters::get, "s", folder))
                .hasMessageStartingWith("gridha.backups = 'localhost:70000'");
        parameters.put("gridha.backups", "localhost:7000, 10.0.0.2:7001");
        DeploymentConfig config = DeploymentConfig.fromParameters(parameters::get, "s", folder);
        assertThat(config.role()).isEqualTo(Role.PRIMARY);
        assertThat(config.backups()).hasSize(2);
        assertThat(config.database().jdbcUrl()).startsWith("jdbc:h2:file:" + folder.toAbsolutePath());
    }

    /** The service's resource home, reduced to what the test looks at. */
    private static DurableDeployment.KeyedObjects keyed(java.util.function.BiConsumer<String, DurableState> recovered) {
        return new DurableDeployment.KeyedObjects() {
            @Override
            public void recovered(String stateObject, String key, DurableState object) {
                recovered.accept(key, object);
            }

            @Override
            public void discarded(String stateObject, String key) {
            }
        };
    }

    private static Map<String, Integer> rows(DatabaseConfig config) {
        Map<String, Integer> rows = new java.util.TreeMap<>();
        try (StateDatabase database = new StateDatabase(config)) {
            database.query("SELECT k, v FROM dc", row -> rows.put(row.getString("k"), row.getInt("v")));
        }
        return rows;
    }
}
