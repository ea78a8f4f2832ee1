package dev.gridha.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** Bad command lines end in one clear line and a non-zero exit, before anything is started. */
class GridhaCommandTest {

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = GridhaCommand.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        return commandLine.execute(args);
    }

    @Test
    void unknownCommandIsOneLineAndExitTwo() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("gridha: ").contains("frobnicate");
    }

    @Test
    void noCommandAsksForOne() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("name a command");
    }

    @Test
    void badOptionValueNamesTheOptionAndTheHelp() {
        assertThat(run("demo", "--port", "eighty")).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("--port").contains("./gridha demo --help");
    }

    @Test
    void benchRefusesImpossibleSettingsWithoutStartingAnything() {
        assertThat(run("bench", "baseline", "--clients", "0")).isEqualTo(1);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("--clients");
        assertThat(run("bench", "rejuvenation", "--rounds", "0")).isEqualTo(1);
        assertThat(err.toString()).contains("--rounds 1..50");
        assertThat(run("bench", "rejuvenation", "--only", "reboot")).isEqualTo(1);
        assertThat(err.toString()).contains("--only 'reboot' names none of");
        assertThat(run("bench", "overhead", "--window", "0")).isEqualTo(1);
        assertThat(err.toString()).contains("--window >= 1");
        assertThat(run("bench", "overhead", "--rows", "10001")).isEqualTo(1);
        assertThat(err.toString()).contains("--rows 1..10000");
        assertThat(run("bench", "overhead", "--balancer", "nginx")).isEqualTo(1);
        assertThat(err.toString()).contains("--balancer is embedded or haproxy, not 'nginx'");
        assertThat(run("bench", "aging", "--only", "sometimes")).isEqualTo(1);
        assertThat(err.toString()).contains("--only is aged or managed, not 'sometimes'");
        assertThat(run("bench", "aging", "--seconds", "1")).isEqualTo(1);
        assertThat(err.toString()).contains("--seconds >= 10");
        assertThat(run("bench", "aging", "--clients", "65")).isEqualTo(1);
        assertThat(err.toString()).contains("--clients 1..64 and --probe-period-ms >= 100");
        assertThat(err.toString().strip().lines()).hasSize(9);
    }

    @Test
    void transferBenchRefusesATransportFilterThatMatchesNothing() {
        assertThat(run("bench", "transfer", "--only", "carrier pigeon")).isEqualTo(1);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("matches no transport");
    }

    @Test
    void benchFiltersTakeAnyOfSeveralTextsSeparatedByBars() {
        assertThat(BenchCommand.selected(null, "Counter, database (H2 file)")).isTrue();
        assertThat(BenchCommand.selected("database|reconstruction", "Counter, database (H2 file)")).isTrue();
        assertThat(BenchCommand.selected("database|reconstruction", "Counter, reconstruction (none)")).isTrue();
        assertThat(BenchCommand.selected("DATABASE | soap", "Counter, replication, 1 backup")).isFalse();
        assertThat(BenchCommand.selected("|", "anything")).isFalse();
    }

    @Test
    void aReplicaGroupOfOneOrAMixOfGroupAndMemberOptionsIsRefused() {
        assertThat(run("up", "--replicas", "1")).isEqualTo(1);
        assertThat(err.toString()).contains("2-9 replicas");
        assertThat(run("up", "--replicas", "2", "--replica-id", "r1")).isEqualTo(1);
        assertThat(err.toString()).contains("--replica-id is for its members");
        assertThat(run("up", "--replica-id", "r1")).isEqualTo(1);
        assertThat(err.toString()).contains("go together");
        assertThat(err.toString().strip().lines()).hasSize(3);
    }

    @Test
    void aManagedGroupRefusesReplicasAndImpossibleSettingsBeforeAnythingStarts() {
        assertThat(run("up", "--managed", "--replicas", "2")).isEqualTo(1);
        assertThat(err.toString()).contains("--managed runs its own containers");
        assertThat(run("up", "--managed", "--probe-period-ms", "10")).isEqualTo(1);
        assertThat(err.toString()).contains("--probe-period-ms >= 100");
        assertThat(run("up", "--managed", "--aging-threshold", "1.5")).isEqualTo(1);
        assertThat(run("up", "--managed", "--containers", "1")).isEqualTo(1);
        assertThat(err.toString()).contains("2-9 containers");
        assertThat(run("up", "--managed", "--balancer", "nginx")).isEqualTo(1);
        assertThat(err.toString()).contains("--balancer is embedded or haproxy, not 'nginx'");
        assertThat(run("up", "--balancer", "haproxy")).isEqualTo(1);
        assertThat(err.toString()).contains("--balancer goes with --managed");
        assertThat(run("up", "--replicated")).isEqualTo(1);
        assertThat(err.toString()).contains("--replicated goes with --managed");
        assertThat(run("up", "--managed", "--replicated", "--containers", "3")).isEqualTo(1);
        assertThat(err.toString()).contains("a replicated managed group has 2 containers");
        assertThat(run("up", "--managed", "--replicated", "--balancer", "haproxy")).isEqualTo(1);
        assertThat(err.toString()).contains("--replicated needs the embedded balancer");
        assertThat(err.toString().strip().lines()).hasSize(9);
    }

    @Test
    void membershipOptionsAreCheckedBeforeAnythingStarts() {
        assertThat(run("up", "--membership", "zookeeper")).isEqualTo(1);
        assertThat(err.toString()).contains("--membership and --zookeeper go with --replicas");
        assertThat(run("up", "--replicas", "2", "--membership", "paxos")).isEqualTo(1);
        assertThat(err.toString()).contains("--membership is static or zookeeper, not 'paxos'");
        assertThat(run("up", "--replicas", "2", "--zookeeper", "127.0.0.1:2181")).isEqualTo(1);
        assertThat(err.toString()).contains("--zookeeper needs --membership zookeeper");
        assertThat(run("bench", "failover", "--membership", "paxos")).isEqualTo(1);
        assertThat(err.toString()).contains("--membership is static or zookeeper");
        assertThat(run("bench", "failover", "--notifications", "smoke")).isEqualTo(1);
        assertThat(err.toString()).contains("--notifications is none, push or pull, not 'smoke'");
        assertThat(run("up", "--replicas", "2", "--zookeeper-session-ms", "500")).isEqualTo(1);
        assertThat(err.toString()).contains("--zookeeper-session-ms needs --membership zookeeper");
        assertThat(run("up", "--replicas", "2", "--membership", "zookeeper", "--zookeeper-session-ms", "5000"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("a ZooKeeper session timeout of 5000 ms is outside 200..2000 ms");
        assertThat(run("up", "--zookeeper-session-ms", "500")).isEqualTo(1);
        assertThat(err.toString()).contains("--zookeeper-session-ms goes with --replicas and --membership zookeeper");
        assertThat(run("bench", "failover", "--zookeeper-session-ms", "500")).isEqualTo(1);
        assertThat(err.toString()).contains("--zookeeper-session-ms needs --membership zookeeper");
        assertThat(run("bench", "failover", "--membership", "zookeeper", "--zookeeper-session-ms", "50")).isEqualTo(1);
        assertThat(err.toString()).contains("a ZooKeeper session timeout of 50 ms is outside 200..2000 ms");
        assertThat(err.toString().strip().lines()).hasSize(10);
    }

    @Test
    void helpExitsZero() {
        assertThat(run("--help")).isZero();
    }
}
