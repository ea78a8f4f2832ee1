package dev.gridha.launcher.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The packaged launcher as a user runs it: {@code java -jar gridha-launcher.jar demo} and {@code up}, each in
 * its own JVM, against the WAR files of this build.
 */
class LauncherProcessIT {

    private static final Path JAR = Path.of("target", "gridha-launcher.jar");

    @Test
    void demoPrintsItsReportAndExitsZero() throws Exception {
        Process demo = launch("demo", "--adds", "50");
        ProcessOutput output = new ProcessOutput(demo, "demo");
        assertThat(demo.waitFor(360, TimeUnit.SECONDS)).as("demo finished in time").isTrue();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> output.text().contains("demo finished"));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the demo did not finish (exit " + demo.exitValue() + "):\n" + output.text(), e);
        }

        assertThat(demo.exitValue()).as(output.text()).isZero();
        assertThat(output.text())
                .contains("== Counter: three resources, 50 adds each")
                .contains("refused: InvalidRequestFault [counter.overflow]")
                .contains("REFUSED")
                .contains("no free machine has")
                .contains("accounts (the thesis's AccountSet)")
                .contains("the counters came back from the database")
                .contains("ResourceUnavailableFault [state.not-primary]")
                .contains("ResourceUnavailableFault [state.replication-failed]")
                .contains("== Failover: the primary's process is killed under load")
                .contains("every acknowledged add is in the counter once")
                .contains("its FAILURE notification reached the clients")
                .contains("demo finished");
    }

    @Test
    void upServesTheWsdlsUntilStopped() throws Exception {
        int port = ProcessOutput.freePort();
        Process up = launch("up", "--port", String.valueOf(port), "--state-dir", "target/up-state");
        ProcessOutput output = new ProcessOutput(up, "up");
        try {
            Awaitility.await().atMost(Duration.ofSeconds(90)).until(
                    () -> output.text().contains("serving on 127.0.0.1:" + port) || !up.isAlive());
            assertThat(up.isAlive()).as(output.text()).isTrue();
            assertThat(output.text()).contains("http://127.0.0.1:" + port + "/counter/services/counter?wsdl");

            HttpResponse<String> wsdl = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/matchmaker/services/matchmaker?wsdl")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(wsdl.statusCode()).isEqualTo(200);
            assertThat(wsdl.body()).contains("MatchmakerPortType");
        } finally {
            up.destroy();
            assertThat(up.waitFor(30, TimeUnit.SECONDS)).as("up stops on SIGTERM").isTrue();
        }
    }

    @Test
    void upWithReplicasRunsAGroupOfProcessesAndStopsThemAll() throws Exception {
        int port = ProcessOutput.freePort();
        Process up = launch("up", "--replicas", "2", "--port", String.valueOf(port), "--state-dir", "target/up-group");
        ProcessOutput output = new ProcessOutput(up, "up-group");
        try {
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(
                    () -> output.text().contains("group of 2 serving") || !up.isAlive());
            assertThat(up.isAlive()).as(output.text()).isTrue();
            assertThat(output.text()).contains("r1").contains("r2").contains("primary").contains("backup");
            for (int replica = 0; replica < 2; replica++) {
                assertThat(wsdlStatus(port + replica)).as("replica " + (replica + 1) + " serves").isEqualTo(200);
            }
        } finally {
            up.destroy();
            assertThat(up.waitFor(60, TimeUnit.SECONDS)).as("up stops on SIGTERM").isTrue();
        }
        // its replicas went with it: nothing is left listening
        for (int replica = 0; replica < 2; replica++) {
            int replicaPort = port + replica;
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> wsdlStatus(replicaPort) < 0);
        }
    }

    /** The Counter WSDL's HTTP status on {@code port}, or -1 when nothing answers there. */
    private static int wsdlStatus(int port) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/counter/services/counter?wsdl"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Test
    void badArgumentsEndInOneLineAndANonZeroExit() throws Exception {
        Process bad = launch("up", "--port", "not-a-port");
        ProcessOutput output = new ProcessOutput(bad, "bad");
        assertThat(bad.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(bad.exitValue()).isEqualTo(2);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> output.text().contains("gridha:"));
        assertThat(output.text().strip().lines().filter(l -> l.startsWith("gridha:"))).hasSize(1);
    }

    private static Process launch(String... args) throws Exception {
        assertThat(Files.isRegularFile(JAR)).as("launcher jar built by the package phase").isTrue();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dgridha.wars=" + System.getProperty("gridha.wars"),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
