package dev.gridha.launcher.group;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import dev.gridha.bench.rejuvenation.DataAccessClient;
import dev.gridha.launcher.embedded.GridWars;
import dev.gridha.manager.HaManager;
import dev.gridha.manager.aging.AgingPolicy;
import dev.gridha.manager.balancer.BackendState;
import dev.gridha.manager.balancer.BackendStatus;
import dev.gridha.manager.balancer.Balancer;
import dev.gridha.manager.balancer.EmbeddedBalancer;
import dev.gridha.manager.balancer.HaproxyBalancer;
import dev.gridha.manager.events.EventLog;
import dev.gridha.manager.monitor.ContainerMonitor;
import dev.gridha.manager.probe.ProbeClient;
import dev.gridha.manager.probe.ProbedRoles;
import dev.gridha.manager.probe.ProbeException;
import dev.gridha.manager.rejuvenation.ProcessRestart;
import dev.gridha.manager.rejuvenation.RejuvenationCoordinator;
import dev.gridha.manager.rejuvenation.RejuvenationOutcome;
import dev.gridha.manager.rejuvenation.RejuvenationException;
import dev.gridha.manager.rejuvenation.Waiting;
import dev.gridha.manager.status.ManagerMetrics;
import dev.gridha.manager.status.StatusPage;
import dev.gridha.manager.status.StatusServer;
import dev.gridha.manager.watchdog.HttpLiveness;
import dev.gridha.probe.ProbeAgent;
import dev.gridha.probe.ProbeAuthenticator;
import dev.gridha.probe.ProbeReading;

/**
 * {@code ./gridha up --managed}: the services in N container processes ({@code gridha up} each, with the probe
 * agent), the embedded balancer in front of them (the first container serves, the others stand by), and the
 * HA manager watching them: it rejuvenates a container that ages and recovers one that dies, restarting its
 * process ({@link ProcessRestart}); its status page and metrics on their own port. Each container has its own
 * state folder: what a service keeps only in a container's memory does not move to the standby.
 *
 * <p>With {@link Settings#replicated} the two containers are also the members of the Counter's and the
 * Matchmaker's replica groups (replicated mappings, ZooKeeper membership on a server in this process): the
 * serving container is their primary and the standby their backup, so a rejuvenation hands the state over
 * ({@link RejuvenationCoordinator#takeOverWithBackups}); the balancer holds requests while no container serves.
 */
public final class ManagedGroup implements AutoCloseable {

    /**
     * @param containers  how many container processes (at least 2: one serves, one stands by)
     * @param frontPort   where clients send requests (the balancer; 0: any free port)
     * @param statusPort  the status page and /metrics (0: any free port)
     * @param heap        each container's -Xmx, such as "256m"
     * @param period      how often the manager probes each container (seed: 5 s)
     * @param policy      when a container counts as aging
     * @param jvmOptions  more options for each container's JVM (a test's leak switch, say)
     * @param haproxy     the HAProxy binary to balance with, or null for the embedded balancer
     * @param replicated  whether the containers are the primary and backup of the durable services' groups
     */
    public record Settings(int containers, int frontPort, int statusPort, String heap, Duration period,
                           AgingPolicy policy, List<String> jvmOptions, Path haproxy, boolean replicated) {

        /** With the embedded balancer. */
        public Settings(int containers, int frontPort, int statusPort, String heap, Duration period,
                        AgingPolicy policy, List<String> jvmOptions) {
            this(containers, frontPort, statusPort, heap, period, policy, jvmOptions, null);
        }

        /** Containers that are not replicas of each other. */
        public Settings(int containers, int frontPort, int statusPort, String heap, Duration period,
                        AgingPolicy policy, List<String> jvmOptions, Path haproxy) {
            this(containers, frontPort, statusPort, heap, period, policy, jvmOptions, haproxy, false);
        }

        public Settings {
            if (containers < 2 || containers > 9) {
                throw new IllegalArgumentException("a managed group has 2-9 containers, not " + containers);
            }
            Objects.requireNonNull(heap, "heap");
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(policy, "policy");
            jvmOptions = List.copyOf(jvmOptions);
            if (replicated && containers != 2) {
                // the balancer sends every service to one container, which must be the primary of every group;
                // with more members two groups could promote different ones
                throw new IllegalArgumentException("a replicated managed group has 2 containers (the primary and"
                        + " its backup, the standby), not " + containers);
            }
            if (replicated && haproxy != null) {
                throw new IllegalArgumentException("a replicated managed group needs the embedded balancer: HAProxy"
                        + " refuses requests at once while the backup takes over, the embedded one holds them");
            }
        }

        /** The same group with its containers as the primary and backup of the durable services. */
        public Settings replicas() {
            return new Settings(containers, frontPort, statusPort, heap, period, policy, jvmOptions, haproxy, true);
        }
    }

    /** One container process as the manager knows it. */
    public record Container(String id, int httpPort, int probePort, Path log) {

        public URI base(String contextPath) {
            return URI.create("http://127.0.0.1:" + httpPort + contextPath);
        }
    }

    /** The page the watchdog asks for: the data service's static page, as the seed's watchdog did. */
    static final String LIVENESS_PAGE = "/dataaccess/alive.html";
    /** Queries a standby answers before a rejuvenation switches to it. */
    private static final int WARMUP_QUERIES = 200;
    /**
     * How long the embedded balancer holds a request while no container serves: longer than a handover to a
     * backup takes (the old primary's drain and graceful stop, then the promotion: ~1-3 s here).
     */
    static final Duration HOLD = Duration.ofSeconds(15);
    /** How long a replicated group may take to agree on its first primary and take its backup in. */
    private static final Duration FIRST_VIEW = Duration.ofSeconds(60);

    private final List<Container> containers;
    private final ProcessRestart processes;
    private final Balancer balancer;
    private final HaManager manager;
    private final StatusServer status;
    private final RejuvenationCoordinator coordinator;
    private final HttpLiveness liveness;
    private final Map<String, ProbeClient> probes;
    private final Replication replication;

    private ManagedGroup(List<Container> containers, ProcessRestart processes, Balancer balancer,
                         HaManager manager, StatusServer status, RejuvenationCoordinator coordinator,
                         HttpLiveness liveness, Map<String, ProbeClient> probes, Replication replication) {
        this.containers = containers;
        this.processes = processes;
        this.balancer = balancer;
        this.manager = manager;
        this.status = status;
        this.coordinator = coordinator;
        this.liveness = liveness;
        this.probes = probes;
        this.replication = replication;
    }

    /**
     * Starts the containers, waits until each serves, and starts the balancer, the manager and its page.
     *
     * @throws IllegalStateException naming what did not start; whatever had started is stopped
     */
    public static ManagedGroup start(Settings settings, Path stateDir) throws InterruptedException {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            Files.createDirectories(stateDir);
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Path secretFile = writeSecret(stateDir, secret);
            ProbeAuthenticator authenticator = new ProbeAuthenticator(secret, System::currentTimeMillis);

            ProcessRestart processes = new ProcessRestart(Duration.ofSeconds(10));
            started.add(processes);
            Replication replication = null;
            if (settings.replicated()) {
                replication = Replication.start(settings.containers(), stateDir);
                started.add(0, replication); // closed last: the containers leave their groups first
            }
            List<Container> containers = new ArrayList<>();
            for (int i = 1; i <= settings.containers(); i++) {
                containers.add(startContainer("c" + i, settings, stateDir, secretFile, processes, replication));
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpLiveness liveness = new HttpLiveness(http, Duration.ofSeconds(2), id -> containers.stream()
                    .filter(c -> c.id().equals(id)).findFirst().orElseThrow().base(LIVENESS_PAGE));
            for (Container container : containers) {
                awaitServing(container, liveness, processes);
            }

            Balancer balancer = startBalancer(settings);
            started.add(balancer);
            for (Container container : containers) {
                balancer.add(container.id(), URI.create("http://127.0.0.1:" + container.httpPort()));
            }

            EventLog events = new EventLog(Clock.systemUTC(), 500);
            List<ContainerMonitor> monitors = new ArrayList<>();
            Map<String, ProbeClient> probes = new LinkedHashMap<>();
            for (Container container : containers) {
                ProbeClient probe = new ProbeClient(URI.create("http://127.0.0.1:" + container.probePort()),
                        authenticator, http, Duration.ofSeconds(2));
                probes.put(container.id(), probe);
                monitors.add(new ContainerMonitor(container.id(), probe, liveness, settings.policy(), 3, events));
            }
            Waiting waiting = Waiting.polling(Duration.ofMillis(100));
            RejuvenationCoordinator coordinator = new RejuvenationCoordinator(balancer, liveness, processes, waiting,
                    events, RejuvenationCoordinator.Limits.DEFAULT, System::nanoTime);
            if (replication != null) {
                ProbedRoles roles = new ProbedRoles(probes);
                coordinator.takeOverWithBackups(roles);
                balancer.activate(firstPrimary(containers, roles, waiting));
            } else {
                balancer.activate(containers.get(0).id());
            }
            coordinator.warmStandbysWith(id -> warm(containers.stream().filter(c -> c.id().equals(id)).findFirst()
                    .orElseThrow(), http));
            HaManager manager = new HaManager(balancer, monitors, coordinator, events);
            started.add(manager);
            StatusServer status = StatusServer.start(new InetSocketAddress("127.0.0.1", settings.statusPort()),
                    () -> StatusPage.fragment(manager.views(), balancer.backends(), events.recent()),
                    () -> ManagerMetrics.text(manager.views(), balancer.backends(), events.recent()),
                    manager::rejuvenateNow);
            started.add(status);
            manager.start(settings.period());
            return new ManagedGroup(List.copyOf(containers), processes, balancer, manager, status, coordinator,
                    liveness, Map.copyOf(probes), replication);
        } catch (IOException e) {
            closeAll(started);
            throw new UncheckedIOException("cannot prepare the managed group's folder " + stateDir, e);
        } catch (RejuvenationException | RuntimeException e) {
            closeAll(started);
            throw new IllegalStateException("the managed group did not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            closeAll(started);
            throw e;
        }
    }

    /**
     * The container the replica groups made their primary, once it has the other in view as its backup.
     *
     * @throws IllegalStateException if they have not within {@link #FIRST_VIEW}
     */
    private static String firstPrimary(List<Container> containers, ProbedRoles roles, Waiting waiting)
            throws InterruptedException {
        AtomicReference<String> primary = new AtomicReference<>();
        boolean agreed = waiting.until(() -> {
            for (Container candidate : containers) {
                for (Container backup : containers) {
                    if (candidate != backup && roles.backupOf(backup.id(), candidate.id())) {
                        primary.set(candidate.id());
                        return true;
                    }
                }
            }
            return false;
        }, FIRST_VIEW);
        if (!agreed) {
            throw new IllegalStateException("the containers' replica groups have no primary with its backup in view"
                    + " after " + FIRST_VIEW.toSeconds() + " s");
        }
        return primary.get();
    }

    /** Where Debian's package puts HAProxy. */
    public static final Path HAPROXY = Path.of("/usr/sbin/haproxy");

    /**
     * The balancer a command line names: {@code embedded} (null, the default) or {@code haproxy} (its binary).
     *
     * @throws IllegalArgumentException with one line for another name, or HAProxy not installed
     */
    public static Path haproxyFor(String balancer) {
        return switch (balancer) {
            case "embedded" -> null;
            case "haproxy" -> {
                if (!Files.isExecutable(HAPROXY)) {
                    throw new IllegalArgumentException("--balancer haproxy needs " + HAPROXY + " (apt-get install haproxy)");
                }
                yield HAPROXY;
            }
            default -> throw new IllegalArgumentException("--balancer is embedded or haproxy, not '" + balancer + "'");
        };
    }

    /**
     * The embedded balancer (on any free port where none is asked for), or HAProxy, which must be told a port:
     * a free one is picked for it.
     */
    private static Balancer startBalancer(Settings settings) {
        if (settings.haproxy() == null) {
            return EmbeddedBalancer.start(new InetSocketAddress("127.0.0.1", settings.frontPort()), HOLD);
        }
        int port = settings.frontPort() != 0 ? settings.frontPort() : FreePorts.tcp();
        return HaproxyBalancer.start(settings.haproxy(), new InetSocketAddress("127.0.0.1", port));
    }

    /** The management secret as the probe agents read it: base64 in a file only this user can read. */
    private static Path writeSecret(Path stateDir, byte[] secret) throws IOException {
        Path file = stateDir.resolve("management.secret");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, Base64.getEncoder().encodeToString(secret));
        return file;
    }

    /**
     * Starts {@code gridha up} as container {@code id}, with the probe agent, its output in its own log; with
     * {@code replication}, as that group's member {@code id} (restarted the same way: it rejoins by itself).
     */
    private static Container startContainer(String id, Settings settings, Path stateDir, Path secretFile,
                                            ProcessRestart processes, Replication replication)
            throws IOException, RejuvenationException {
        Container container = new Container(id, FreePorts.tcp(), FreePorts.tcp(), stateDir.resolve(id + ".log"));
        Path folder = stateDir.resolve(id);
        Files.createDirectories(folder);
        List<String> jvm = new ArrayList<>(List.of("-javaagent:" + probeAgentJar() + "=port=" + container.probePort()
                + ",secret-file=" + secretFile, "-Xmx" + settings.heap()));
        jvm.addAll(settings.jvmOptions());
        List<String> arguments = new ArrayList<>(List.of("up", "--port", String.valueOf(container.httpPort()),
                "--state-dir", folder.toString()));
        if (replication != null) {
            arguments.addAll(replication.memberArguments(id));
        }
        ProcessBuilder command = new ProcessBuilder(ReplicaGroup.childCommand(jvm, arguments))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(container.log().toFile()));
        if (replication != null) {
            command.environment().put(ReplicaGroup.SECRET_VARIABLE, replication.secret());
        }
        processes.start(id, command);
        return container;
    }

    /** Queries a standby's data service directly a few times before it takes the requests (read-only calls). */
    private static void warm(Container container, HttpClient http) throws InterruptedException {
        DataAccessClient client = new DataAccessClient(http, container.base(GridWars.DATAACCESS));
        for (int i = 0; i < WARMUP_QUERIES; i++) {
            client.query();
        }
    }

    private static void awaitServing(Container container, HttpLiveness liveness, ProcessRestart processes)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!liveness.ready(container.id())) {
            Process process = processes.process(container.id());
            if (process == null || !process.isAlive() || System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("container " + container.id() + " did not start (see "
                        + container.log() + ")");
            }
            Thread.sleep(200);
        }
    }

    /** The probe agent's jar, which every container JVM loads with -javaagent. */
    static Path probeAgentJar() {
        try {
            Path location = Path.of(ProbeAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!location.toString().endsWith(".jar")) {
                throw new IllegalStateException("the probe agent is not a jar (" + location + "): build it first"
                        + " (./gridha build)");
            }
            return location;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the probe agent's jar", e);
        }
    }

    public URI front() {
        return balancer.front();
    }

    /** Stops the manager's loop (a benchmark intervenes by itself); the balancer and containers go on. */
    public void stopWatching() {
        manager.close();
    }

    /** The container the balancer sends new requests to. */
    public String serving() {
        return balancer.backends().stream().filter(b -> b.state() == BackendState.ACTIVE)
                .map(BackendStatus::id).findFirst()
                .orElseThrow(() -> new IllegalStateException("no container serves"));
    }

    /** Rejuvenates the serving container now, as the manager does when it ages. */
    public RejuvenationOutcome rejuvenateNow(String id) throws InterruptedException {
        return coordinator.rejuvenate(id, "asked for");
    }

    /**
     * Restarts a container in place, as a plain service restart (a liveness probe's, an operator's) does: the
     * balancer goes on sending to it; returns once it answers again.
     */
    public void restartInPlace(String id) throws RejuvenationException, InterruptedException {
        processes.rejuvenate(id);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!liveness.ready(id)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("container " + id + " did not come back within 120 s");
            }
            Thread.sleep(50);
        }
    }

    /**
     * Reads container {@code id}'s probe now, whether or not the manager watches (a benchmark's own sampling).
     *
     * @throws ProbeException if the probe does not answer, or its answer does not verify
     */
    public ProbeReading probe(String id) throws ProbeException, InterruptedException {
        ProbeClient probe = probes.get(id);
        if (probe == null) {
            throw new IllegalArgumentException("no container " + id + " in the group");
        }
        return probe.read();
    }

    public URI statusPage() {
        return status.address();
    }

    /** The status page with the token its "rejuvenate now" button needs: for the operator only. */
    public URI operatorPage() {
        return status.operatorAddress();
    }

    public List<Container> containers() {
        return containers;
    }

    public HaManager manager() {
        return manager;
    }

    /** The running process of a container (for a test that kills it). */
    public Process process(String id) {
        return processes.process(id);
    }

    @Override
    public void close() {
        closeAll(List.of(status, manager, balancer, processes));
        if (replication != null) {
            replication.close(); // after the containers: they leave their groups first
        }
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                // stopping the rest anyway
            }
        }
    }
}
