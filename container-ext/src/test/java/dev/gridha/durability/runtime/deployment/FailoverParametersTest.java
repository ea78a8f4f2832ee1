package dev.gridha.durability.runtime.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.gridha.container.replication.socket.SharedSecret;

/** Failover's context parameters (static and zookeeper): what a replica derives from them, and every misfit named. */
class FailoverParametersTest {

    private final Path folder = Path.of("target/unused");
    private final Map<String, String> parameters = new HashMap<>(Map.of(
            "gridha.failover", "static",
            "gridha.replicas", "a=10.0.0.1:7000, b=10.0.0.2:7000,c=10.0.0.3:7001",
            "gridha.replica.id", "b",
            "gridha.replication.secret", SharedSecret.generate().toBase64()));

    private DeploymentConfig parse() {
        return DeploymentConfig.fromParameters(parameters::get, "counters", folder);
    }

    @Test
    void theFirstReplicaIsPrimaryOverTheOthersAndTheRestAreBackupsOnTheirOwnPort() {
        DeploymentConfig b = parse();
        assertThat(b.role()).isEqualTo(Role.BACKUP);
        assertThat(b.replicationPort()).isEqualTo(7000);
        assertThat(b.failover().initialView().members()).containsExactly("a", "b", "c");
        assertThat(b.failover().timing().suspicionTimeout()).isEqualTo(Duration.ofMillis(200));

        parameters.put("gridha.replica.id", "a");
        parameters.put("gridha.failover.timeout-ms", "500");
        DeploymentConfig a = parse();
        assertThat(a.role()).isEqualTo(Role.PRIMARY);
        assertThat(a.backups()).containsExactly("10.0.0.2:7000", "10.0.0.3:7001");
        assertThat(a.failover().timing().suspicionTimeout()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void whatTheReplicaListDecidesMayNotAlsoBeSet() {
        Map<String, String> conflicting = Map.of("gridha.role", "primary", "gridha.backups", "10.0.0.2:7000",
                "gridha.replication.port", "7000");
        for (String derived : List.of("gridha.role", "gridha.backups", "gridha.replication.port")) {
            parameters.put(derived, conflicting.get(derived));
            assertThatThrownBy(this::parse).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(derived + " is set, but with gridha.failover = static it comes from gridha.replicas:"
                            + " leave it out");
            parameters.remove(derived);
        }
    }

    @Test
    void misfitsAreNamed() {
        parameters.put("gridha.replica.id", "z");
        assertThatThrownBy(this::parse).hasMessageContaining("this replica's id 'z' is not in the replica list");
        parameters.put("gridha.replica.id", "b");

        parameters.put("gridha.replicas", "a=10.0.0.1:7000,a=10.0.0.2:7000");
        assertThatThrownBy(this::parse).hasMessageContaining("replica id a appears twice");
        parameters.put("gridha.replicas", "a=10.0.0.1");
        assertThatThrownBy(this::parse).hasMessageStartingWith("gridha.replicas = 'a=10.0.0.1' is not id=host:port");
        parameters.put("gridha.replicas", "b=10.0.0.2:7000");
        assertThatThrownBy(this::parse).hasMessageContaining("at least two replicas");
        parameters.put("gridha.replicas", "a=10.0.0.1:7000,b=10.0.0.2:7000");

        parameters.put("gridha.failover.heartbeat-ms", "150");
        assertThatThrownBy(this::parse).hasMessageContaining("must be at least 2 heartbeat intervals");
        parameters.remove("gridha.failover.heartbeat-ms");

        parameters.put("gridha.failover", "paxos");
        assertThatThrownBy(this::parse).hasMessage("gridha.failover = 'paxos' is not none, static or zookeeper");
        parameters.put("gridha.failover", "static");

        parameters.put("gridha.replication.transport", "soap");
        assertThatThrownBy(this::parse).hasMessageContaining("needs the socket transport");
        parameters.remove("gridha.replication.transport");

        parameters.remove("gridha.replication.secret");
        assertThatThrownBy(this::parse).hasMessageContaining("needs gridha.replication.secret");
    }

    @Test
    void zookeeperModeTakesTheEnsembleAndItsSessionTimeout() {
        parameters.put("gridha.failover", "zookeeper");
        parameters.put("gridha.zookeeper.connect", "10.0.0.9:2181,10.0.0.10:2181");
        DeploymentConfig b = parse();
        assertThat(b.failover().mode()).isEqualTo(FailoverConfig.Mode.ZOOKEEPER);
        assertThat(b.failover().zookeeper().connect()).isEqualTo("10.0.0.9:2181,10.0.0.10:2181");
        assertThat(b.failover().zookeeper().sessionTimeout()).isEqualTo(Duration.ofMillis(1000));
        assertThat(b.role()).isEqualTo(Role.BACKUP);
        parameters.put("gridha.zookeeper.session-ms", "4000");
        assertThat(parse().failover().zookeeper().sessionTimeout()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void zookeeperMisfitsAreNamed() {
        parameters.put("gridha.failover", "zookeeper");
        assertThatThrownBy(this::parse).hasMessage("gridha.failover = zookeeper needs gridha.zookeeper.connect"
                + " (the ensemble, host:port,...)");
        parameters.put("gridha.zookeeper.connect", "10.0.0.9:2181");
        parameters.put("gridha.zookeeper.session-ms", "50");
        assertThatThrownBy(this::parse).hasMessageStartingWith("gridha.zookeeper.session-ms: a ZooKeeper session"
                + " timeout below 100 ms cannot be kept");
        parameters.put("gridha.zookeeper.session-ms", "soon");
        assertThatThrownBy(this::parse).hasMessageStartingWith("gridha.zookeeper.session-ms = 'soon' is not");

        parameters.put("gridha.failover", "static");
        parameters.remove("gridha.zookeeper.session-ms");
        assertThatThrownBy(this::parse).hasMessage("gridha.zookeeper.connect is set, but gridha.failover is not"
                + " zookeeper");
    }
}
