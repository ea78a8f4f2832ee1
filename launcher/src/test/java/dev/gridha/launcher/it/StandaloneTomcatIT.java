package dev.gridha.launcher.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.gridha.client.CounterClient;
import dev.gridha.client.MatchmakerClient;
import dev.gridha.client.RemoteCounter;

/**
 * The WARs dropped unchanged into a stock Apache Tomcat 10.1 distribution (the tar.gz from Maven Central,
 * unpacked by the build), started as its own process with Tomcat's Bootstrap, exactly as an operator would
 * deploy them. Only the port is changed in server.xml, so tests never collide with a Tomcat on 8080.
 */
class StandaloneTomcatIT {

    private static Process tomcat;
    private static ProcessOutput output;
    private static int port;
    private static Path base;

    @BeforeAll
    static void startStockTomcat() throws Exception {
        Path home = Path.of(System.getProperty("gridha.tomcat.home"));
        assertThat(home.resolve("bin/bootstrap.jar")).as("Tomcat distribution unpacked by the build").exists();
        base = Files.createTempDirectory("gridha-standalone-tomcat-");
        copyTree(home.resolve("conf"), base.resolve("conf"));
        for (String dir : List.of("logs", "temp", "work", "webapps")) {
            Files.createDirectories(base.resolve(dir));
        }
        port = ProcessOutput.freePort();
        Path serverXml = base.resolve("conf/server.xml");
        Files.writeString(serverXml, Files.readString(serverXml)
                .replace("port=\"8005\"", "port=\"-1\"")
                .replace("port=\"8080\"", "port=\"" + port + "\" address=\"127.0.0.1\""));
        Path wars = Path.of(System.getProperty("gridha.wars"));
        Files.copy(wars.resolve("gridha-counter-service.war"), base.resolve("webapps/counter.war"));
        Files.copy(wars.resolve("gridha-matchmaker-service.war"), base.resolve("webapps/matchmaker.war"));

        tomcat = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcatalina.home=" + home, "-Dcatalina.base=" + base,
                "-Djava.io.tmpdir=" + base.resolve("temp"),
                "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager",
                "-Djava.util.logging.config.file=" + base.resolve("conf/logging.properties"),
                "-cp", home.resolve("bin/bootstrap.jar") + java.io.File.pathSeparator
                        + home.resolve("bin/tomcat-juli.jar"),
                "org.apache.catalina.startup.Bootstrap", "start")
                .redirectErrorStream(true).start();
        output = new ProcessOutput(tomcat, "tomcat");
        URI wsdl = URI.create("http://127.0.0.1:" + port + "/matchmaker/services/matchmaker?wsdl");
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> !tomcat.isAlive() || status(wsdl) == 200);
        assertThat(tomcat.isAlive()).as("Tomcat exited: %s", output.text()).isTrue();
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.destroy();
            if (!tomcat.waitFor(30, TimeUnit.SECONDS)) {
                tomcat.destroyForcibly();
            }
        }
    }

    @Test
    void counterWarServesInStockTomcat() {
        CounterClient counters = new CounterClient(
                URI.create("http://127.0.0.1:" + port + "/counter/services/counter"));
        RemoteCounter counter = counters.create(1);
        assertThat(counter.add(41)).isEqualTo(42);
        assertThat(counter.value()).isEqualTo(42);
        counter.destroy();
    }

    @Test
    void matchmakerWarServesInStockTomcat() {
        MatchmakerClient matchmaker = new MatchmakerClient(
                URI.create("http://127.0.0.1:" + port + "/matchmaker/services/matchmaker"));
        matchmaker.advertise("stock-node", 2000, 2048, 10, URI.create("https://stock-node/jobs"), List.of());
        assertThat(matchmaker.submit("stock-job", "stock", 1000, 1024, 1, 1).machineId()).isEqualTo("stock-node");
        assertThat(matchmaker.complete("stock-job", 10)).isEqualTo("stock-node");
        assertThat(matchmaker.account("stock").getCpuMhzSeconds()).isEqualTo(10_000);
    }

    @Test
    void bothWarsDeployedWithoutErrorsInTomcatsLog() throws IOException {
        assertThat(output.text()).contains("Deployment of web application archive")
                .doesNotContain("SEVERE");
    }

    private static int status(URI uri) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
