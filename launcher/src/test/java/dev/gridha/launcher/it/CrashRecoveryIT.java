package dev.gridha.launcher.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.gridha.client.CounterClient;
import dev.gridha.client.RemoteCounter;

/**
 * The Counter service in its own JVM ({@code gridha up}) on the real MariaDB, killed with SIGKILL under load
 * again and again. After every restart each counter holds every add a client got a reply for, plus at most
 * the one add per client that was in flight when the process died (committed, reply lost); never less, and
 * never a value no sequence of whole adds could give.
 *
 * <p>Cycles: {@code -Dgridha.crash.cycles} (default 3, which {@code ./gridha test} runs); a failing run
 * prints the seed, and {@code -Dgridha.crash.seed} replays its kill timing.
 */
class CrashRecoveryIT {

    private static final String MARIADB = "jdbc:mysql://127.0.0.1:3306/test?useSSL=false&allowPublicKeyRetrieval=true"
            + "&connectTimeout=3000";
    private static final Path JAR = Path.of("target", "gridha-launcher.jar");
    private static final int CLIENTS = 4;

    @Test
    void everyAcknowledgedAddSurvivesSigkillOfTheServiceProcess() throws Exception {
        Assumptions.assumeTrue(mariaDbAnswers(), "skipped: MariaDB does not answer at 127.0.0.1:3306 (user root,"
                + " empty password, database test); ./gridha test starts it when it is installed");
        int cycles = Integer.getInteger("gridha.crash.cycles", 3);
        long seed = Long.getLong("gridha.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        int port = ProcessOutput.freePort();
        System.out.println("CrashRecoveryIT: " + cycles + " cycles, seed " + seed + " (-Dgridha.crash.seed="
                + seed + " replays the kill timing)");

        List<RemoteCounter> counters = new ArrayList<>();
        long[] known = new long[CLIENTS];
        for (int cycle = 1; cycle <= cycles; cycle++) {
            Process service = startService(port);
            try {
                CounterClient client = new CounterClient(URI.create("http://127.0.0.1:" + port
                        + "/counter/services/counter"));
                if (counters.isEmpty()) {
                    for (int c = 0; c < CLIENTS; c++) {
                        counters.add(client.create(0));
                    }
                }
                int committedWithoutReply = 0;
                for (int c = 0; c < CLIENTS; c++) {
                    long recovered = client.bind(counters.get(c).endpointReference()).value();
                    committedWithoutReply += (int) (recovered - known[c]);
                    assertThat(recovered).as("seed %d, cycle %d, counter %d: after the restart the counter holds"
                            + " every acknowledged add (%d) and at most the one in flight", seed, cycle, c, known[c])
                            .isBetween(known[c], known[c] + 1);
                    known[c] = recovered;
                }
                if (cycle > 1) {
                    System.out.println("CrashRecoveryIT: restart " + (cycle - 1) + ": every acknowledged add present; "
                            + committedWithoutReply + " add(s) committed whose reply the kill cut off");
                }
                long[] acknowledged = loadUntilKilled(service, counters, random);
                System.out.println("CrashRecoveryIT: cycle " + cycle + ": " + java.util.Arrays.stream(acknowledged).sum()
                        + " adds acknowledged, then SIGKILL");
                for (int c = 0; c < CLIENTS; c++) {
                    known[c] += acknowledged[c];
                }
            } finally {
                service.destroyForcibly();
                service.waitFor(30, TimeUnit.SECONDS);
            }
        }
        Process last = startService(port);
        try {
            CounterClient client = new CounterClient(URI.create("http://127.0.0.1:" + port + "/counter/services/counter"));
            for (int c = 0; c < CLIENTS; c++) {
                assertThat((long) client.bind(counters.get(c).endpointReference()).value())
                        .as("seed %d, final value of counter %d", seed, c).isBetween(known[c], known[c] + 1);
            }
        } finally {
            last.destroyForcibly();
            last.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * With fault-tolerant clients the "at most one more" above becomes exactly: a client whose add the kill cut
     * off sends it again to the restarted service, which answers a committed one from the database's table of
     * results instead of executing it twice, and executes one that never committed.
     */
    @Test
    void withFaultTolerantClientsEveryAddCountsExactlyOnceAcrossSigkillAndRestart() throws Exception {
        Assumptions.assumeTrue(mariaDbAnswers(), "skipped: MariaDB does not answer at 127.0.0.1:3306 (user root,"
                + " empty password, database test); ./gridha test starts it when it is installed");
        long seed = Long.getLong("gridha.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        int port = ProcessOutput.freePort();
        URI base = URI.create("http://127.0.0.1:" + port + "/counter");
        System.out.println("CrashRecoveryIT (fault-tolerant clients): seed " + seed);
        Process[] service = {startService(port)};
        try {
            dev.gridha.client.faulttolerance.FaultTolerance tolerance = dev.gridha.client.faulttolerance.FaultTolerance
                    .across(List.of(base)).givingUpAfter(java.time.Duration.ofSeconds(90));
            CounterClient client = new CounterClient(URI.create(base + "/services/counter"),
                    dev.gridha.client.ClientOptions.defaults().withFaultTolerance(tolerance));
            List<RemoteCounter> counters = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                counters.add(client.create(0));
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong[] acknowledged = new AtomicLong[CLIENTS];
            List<Thread> clients = new ArrayList<>();
            java.util.concurrent.ConcurrentLinkedQueue<Throwable> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
            for (int c = 0; c < CLIENTS; c++) {
                AtomicLong count = acknowledged[c] = new AtomicLong();
                RemoteCounter counter = counters.get(c);
                Thread thread = new Thread(() -> {
                    try {
                        while (!stop.get()) {
                            long value = counter.add(1);
                            assertThat(value).as("seed %d: each reply is the next value", seed)
                                    .isEqualTo(count.incrementAndGet());
                        }
                    } catch (Throwable failure) {
                        failures.add(failure);
                    }
                }, "ft-crash-client-" + c);
                thread.start();
                clients.add(thread);
            }
            for (int cycle = 1; cycle <= 2; cycle++) {
                Thread.sleep(300 + random.nextInt(900));
                service[0].destroyForcibly(); // SIGKILL mid-load
                service[0].waitFor(30, TimeUnit.SECONDS);
                long before = java.util.Arrays.stream(acknowledged).mapToLong(AtomicLong::get).sum();
                service[0] = startService(port);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (java.util.Arrays.stream(acknowledged).mapToLong(AtomicLong::get).sum() < before + 20
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                System.out.println("CrashRecoveryIT (fault-tolerant clients): cycle " + cycle + ": killed after "
                        + before + " adds, clients carried on after the restart");
            }
            stop.set(true);
            for (Thread thread : clients) {
                thread.join(60_000);
            }
            assertThat(failures).as("seed %d: no client saw an error", seed).isEmpty();
            for (int c = 0; c < CLIENTS; c++) {
                assertThat((long) counters.get(c).value()).as("seed %d, counter %d holds exactly its client's"
                        + " acknowledged adds", seed, c).isEqualTo(acknowledged[c].get());
            }
        } finally {
            service[0].destroyForcibly();
            service[0].waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** One client per counter adds 1 until the service dies under it; returns the adds each got a reply for. */
    private static long[] loadUntilKilled(Process service, List<RemoteCounter> counters, Random random)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong[] acknowledged = new AtomicLong[counters.size()];
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < counters.size(); c++) {
            AtomicLong count = acknowledged[c] = new AtomicLong();
            RemoteCounter counter = counters.get(c);
            Thread client = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        counter.add(1);
                        count.incrementAndGet();
                    } catch (RuntimeException serviceDied) {
                        return;
                    }
                }
            }, "crash-client-" + c);
            client.start();
            clients.add(client);
        }
        Thread.sleep(200 + random.nextInt(1200));
        service.destroyForcibly(); // SIGKILL: no shutdown hook, no orderly close of anything
        service.waitFor(30, TimeUnit.SECONDS);
        stop.set(true);
        for (Thread client : clients) {
            client.join(30_000);
        }
        long[] counts = new long[counters.size()];
        for (int c = 0; c < counts.length; c++) {
            counts[c] = acknowledged[c].get();
        }
        assertThat(java.util.Arrays.stream(counts).sum()).as("the clients got replies before the kill").isPositive();
        return counts;
    }

    private static Process startService(int port) throws Exception {
        assertThat(Files.isRegularFile(JAR)).as("launcher jar built by the package phase").isTrue();
        Process up = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dgridha.wars=" + System.getProperty("gridha.wars"), "-jar", JAR.toString(),
                "up", "--port", String.valueOf(port), "--database-url", MARIADB)
                .redirectErrorStream(true).start();
        ProcessOutput output = new ProcessOutput(up, "crash-up");
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> output.text().contains("serving on 127.0.0.1:" + port) || !up.isAlive());
        assertThat(up.isAlive()).as(output.text()).isTrue();
        return up;
    }

    private static boolean mariaDbAnswers() {
        try {
            // Loaded by name: when a webapp in this JVM started DriverManager first, DriverManager registered
            // that webapp's drivers only, and Tomcat removed them again when the webapp stopped.
            Class.forName("com.mysql.cj.jdbc.Driver");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("MySQL Connector/J is a test dependency of the launcher", e);
        }
        try (Connection connection = DriverManager.getConnection(MARIADB, "root", "")) {
            return connection.isValid(2);
        } catch (SQLException e) {
            System.out.println("CrashRecoveryIT: MariaDB did not answer: " + e.getMessage());
            return false;
        }
    }
}
