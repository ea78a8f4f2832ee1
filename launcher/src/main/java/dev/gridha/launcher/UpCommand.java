package dev.gridha.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.gridha.launcher.embedded.EmbeddedGrid;
import dev.gridha.launcher.embedded.GridWars;
import dev.gridha.launcher.embedded.StateDatabaseOptions;
import dev.gridha.launcher.embedded.Webapp;
import dev.gridha.launcher.group.ManagedGroup;
import dev.gridha.launcher.group.ReplicaGroup;
import dev.gridha.manager.aging.AgingPolicy;
import dev.gridha.launcher.group.ReplicaProcess;

/**
 * {@code ./gridha up}: the services in embedded Tomcat until interrupted; with {@code --replicas N}, a
 * replicated group of N such processes with static failover.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Run Counter and Matchmaker in embedded Tomcat until Ctrl-C; prints their WSDL URLs."
                + " --replicas N runs a replicated group of N processes that fail over.")
final class UpCommand implements Callable<Integer> {

    @Option(names = "--port", description = "HTTP port (default: ${DEFAULT-VALUE}); with --replicas, the first"
            + " replica's, the others counting up", defaultValue = "8080")
    int port;

    @Option(names = "--replicas", paramLabel = "N",
            description = "run a replicated group of N processes (2-9) that fail over")
    Integer replicas;

    @Option(names = "--membership", paramLabel = "MODE", defaultValue = "static",
            description = "with --replicas: static (heartbeats; the default) or zookeeper (ZooKeeper records"
                    + " every view change, so a partition never leaves two primaries; runs an in-process ZooKeeper"
                    + " server unless --zookeeper names an ensemble)")
    String membership;

    @Option(names = "--zookeeper", paramLabel = "HOST:PORT[,...]",
            description = "with --replicas and --membership zookeeper: an external ensemble instead of an"
                    + " in-process server (a replica: the ensemble of its group)")
    String zookeeper;

    @Option(names = "--zookeeper-session-ms", paramLabel = "MS",
            description = "with --membership zookeeper: how long a silent replica's ZooKeeper session lives, which"
                    + " is how long the group takes to notice a dead primary (default 1000; 200-2000 with the"
                    + " in-process server; shorter detects sooner, and a replica starved of CPU for longer is"
                    + " taken for dead)")
    Long zookeeperSessionMillis;

    @Option(names = "--managed", description = "run the services in --containers processes behind a balancer on"
            + " --port, watched by the HA manager (rejuvenation of aging containers, recovery of dead ones); its"
            + " status page and /metrics on --status-port")
    boolean managed;

    @Option(names = "--replicated", description = "with --managed: the two containers are the primary and the backup"
            + " of the Counter's and Matchmaker's replica groups (ZooKeeper membership on a server in this process),"
            + " so a rejuvenation hands their state over to the standby")
    boolean replicated;

    @Option(names = "--balancer", paramLabel = "KIND", defaultValue = "embedded",
            description = "with --managed: embedded (a reverse proxy in this process, the default) or haproxy"
                    + " (Debian's /usr/sbin/haproxy, driven through its runtime API)")
    String balancer;

    @Option(names = "--containers", paramLabel = "N", defaultValue = "2",
            description = "with --managed: container processes, one serving and the others standing by"
                    + " (default ${DEFAULT-VALUE})")
    int containers;

    @Option(names = "--status-port", paramLabel = "N", defaultValue = "8090",
            description = "with --managed: the manager's status page and /metrics (default ${DEFAULT-VALUE})")
    int statusPort;

    @Option(names = "--container-heap", paramLabel = "SIZE", defaultValue = "256m",
            description = "with --managed: each container's -Xmx (default ${DEFAULT-VALUE})")
    String containerHeap;

    @Option(names = "--probe-period-ms", paramLabel = "MS", defaultValue = "5000",
            description = "with --managed: how often each container is probed (default ${DEFAULT-VALUE}, the"
                    + " seed's)")
    long probePeriodMillis;

    @Option(names = "--aging-threshold", paramLabel = "FRACTION", defaultValue = "0.5",
            description = "with --managed: rejuvenate a serving container whose live heap reaches this fraction of"
                    + " its maximum (default ${DEFAULT-VALUE}, the seed's), or whose trend would fill it sooner than"
                    + " a rejuvenation takes")
    double agingThreshold;

    @Option(names = "--leak-bytes-per-request", paramLabel = "BYTES", defaultValue = "0",
            description = "with --managed: the data service keeps this many bytes per query request for good, as"
                    + " the seed's Axis 1.2.1 leaked (default ${DEFAULT-VALUE}: off)")
    long leakBytesPerRequest;

    @Option(names = "--replica-id", hidden = true, description = "run as this replica of --replica-list")
    String replicaId;

    @Option(names = "--replica-list", hidden = true,
            description = "the Counter group's replicas, id=host:port,...; the Matchmaker group uses port + 1")
    String replicaList;

    @Option(names = "--with-data-service", hidden = true,
            description = "a replica also serves the (unreplicated) data service: a managed group's containers do")
    boolean withDataService;

    @Option(names = "--join", hidden = true,
            description = "join the running group (after a restart): a snapshot from the primary first")
    boolean join;

    @Mixin
    StateDatabaseOptions database;

    @Override
    public Integer call() throws InterruptedException {
        if (!managed && (!balancer.equals("embedded") || replicated)) {
            throw new IllegalArgumentException((replicated ? "--replicated" : "--balancer") + " goes with --managed");
        }
        if (managed) {
            if (replicas != null || replicaId != null) {
                throw new IllegalArgumentException("--managed runs its own containers: not with --replicas");
            }
            return runManaged();
        }
        if (replicas != null) {
            if (replicaId != null) {
                throw new IllegalArgumentException("--replicas starts a group; --replica-id is for its members");
            }
            return runGroup();
        }
        if (!membership.equals("static") || zookeeper != null && replicaId == null) {
            throw new IllegalArgumentException("--membership and --zookeeper go with --replicas");
        }
        if (zookeeperSessionMillis != null && zookeeper == null) {
            throw new IllegalArgumentException("--zookeeper-session-ms goes with --replicas and --membership zookeeper");
        }
        if ((replicaId == null) != (replicaList == null)) {
            throw new IllegalArgumentException("--replica-id and --replica-list go together");
        }
        List<Webapp> webapps = new ArrayList<>();
        GridWars.all().forEach((path, war) -> webapps.add(new Webapp(path, war, parameters(path))));
        if (replicaId == null || withDataService) { // a replica group replicates Counter and Matchmaker only
            webapps.add(new Webapp(GridWars.DATAACCESS, GridWars.dataAccess(), Map.of()));
        }
        EmbeddedGrid grid = EmbeddedGrid.start(webapps, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (replicaId != null) {
                // leave both groups first and together: their backups are promoted while the rest stops (a
                // managed group's handover holds new requests for exactly this long)
                grid.stopFirst(List.of(GridWars.COUNTER, GridWars.MATCHMAKER), Duration.ofSeconds(10));
            }
            grid.close();
            stopped.countDown();
        }, "gridha-up-stop"));
        TextTable table = new TextTable("service", "WSDL")
                .row("Counter", grid.endpoint(GridWars.COUNTER, "/services/counter") + "?wsdl")
                .row("Matchmaker", grid.endpoint(GridWars.MATCHMAKER, "/services/matchmaker") + "?wsdl");
        if (replicaId == null || withDataService) {
            table.row("DataAccess (Axis2)", grid.endpoint(GridWars.DATAACCESS, "/services/DataAccess") + "?wsdl");
        }
        table.print(System.out);
        System.out.println("gridha up: " + (replicaId == null ? "" : "replica " + replicaId + " ")
                + "serving on 127.0.0.1:" + grid.port() + "; Ctrl-C stops.");
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** A webapp's context parameters: its state database, and its place in a replica group if any. */
    private Map<String, String> parameters(String contextPath) {
        Map<String, String> parameters = new HashMap<>(database.parameters(contextPath));
        if (replicaId == null) {
            return parameters;
        }
        String secret = System.getenv(ReplicaGroup.SECRET_VARIABLE);
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("a replica needs the group's secret in $" + ReplicaGroup.SECRET_VARIABLE);
        }
        boolean counter = contextPath.equals(GridWars.COUNTER);
        parameters.put("gridha.failover", zookeeper == null ? "static" : "zookeeper");
        if (zookeeper != null) {
            parameters.put("gridha.zookeeper.connect", zookeeper);
            if (zookeeperSessionMillis != null) {
                parameters.put("gridha.zookeeper.session-ms", String.valueOf(zookeeperSessionMillis));
            }
        }
        parameters.put("gridha.replica.id", replicaId);
        parameters.put("gridha.replicas", counter ? replicaList : shiftedPorts(replicaList));
        parameters.put("gridha.group", counter ? "counter" : "matchmaker");
        parameters.put("gridha.replication.secret", secret);
        if (join) {
            parameters.put("gridha.failover.join", "true");
        }
        // the replicas share no database: their state lives in their memory, replicated
        parameters.put("gridha.mapping", counter ? "counter-replicated.xml" : "matchmaker-replicated.xml");
        return parameters;
    }

    /** The Matchmaker group's list: each replica's Counter port + 1. */
    private static String shiftedPorts(String list) {
        List<String> shifted = new ArrayList<>();
        for (String entry : list.split(",")) {
            int colon = entry.lastIndexOf(':');
            shifted.add(entry.substring(0, colon + 1) + (Integer.parseInt(entry.substring(colon + 1).trim()) + 1));
        }
        return String.join(",", shifted);
    }

    private int runManaged() throws InterruptedException {
        if (probePeriodMillis < 100 || !(agingThreshold > 0 && agingThreshold <= 1)) {
            throw new IllegalArgumentException("--probe-period-ms >= 100 and --aging-threshold in (0, 1]");
        }
        if (replicated && !balancer.equals("embedded")) { // before haproxyFor, which may refuse another way
            throw new IllegalArgumentException("--replicated needs the embedded balancer: it holds requests while"
                    + " the backup takes over, HAProxy refuses them");
        }
        java.nio.file.Path haproxy = ManagedGroup.haproxyFor(balancer);
        ManagedGroup.Settings settings = new ManagedGroup.Settings(containers, port, statusPort, containerHeap,
                java.time.Duration.ofMillis(probePeriodMillis), new AgingPolicy(agingThreshold, 12,
                java.time.Duration.ofSeconds(30), 2.0, 2), leakBytesPerRequest == 0 ? List.of()
                : List.of("-Dgridha.dataaccess.leak-bytes-per-request=" + leakBytesPerRequest), haproxy);
        if (replicated) {
            settings = settings.replicas();
        }
        System.out.println("gridha up: starting " + containers + (replicated ? " replicated" : "")
                + " containers behind the " + balancer + " balancer on port " + port + ", watched by the HA manager ...");
        ManagedGroup group = ManagedGroup.start(settings, database.stateDir().resolve("managed"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            group.close();
            stopped.countDown();
        }, "gridha-up-stop"));
        TextTable table = new TextTable("container", "role", "port", "pid", "log");
        for (ManagedGroup.Container container : group.containers()) {
            table.row(container.id(), container.id().equals(group.serving()) ? "serving" : "standby",
                    String.valueOf(container.httpPort()), String.valueOf(group.process(container.id()).pid()),
                    container.log().toString());
        }
        table.print(System.out);
        new TextTable("service", "through the balancer")
                .row("Counter", group.front() + GridWars.COUNTER + "/services/counter?wsdl")
                .row("Matchmaker", group.front() + GridWars.MATCHMAKER + "/services/matchmaker?wsdl")
                .row("DataAccess (Axis2)", group.front() + GridWars.DATAACCESS + "/services/DataAccess?wsdl")
                .row("status page", group.statusPage().toString())
                .row("operator's page (can rejuvenate; keep it to yourself)", group.operatorPage().toString())
                .row("metrics", group.statusPage() + "metrics")
                .print(System.out);
        System.out.println("gridha up: managed group serving on 127.0.0.1:" + port + "; Ctrl-C stops.");
        System.out.flush();
        stopped.await();
        return 0;
    }

    private int runGroup() throws InterruptedException {
        if (zookeeperSessionMillis != null) { // refused before a ZooKeeper server or a replica starts
            if (!membership.equals("zookeeper")) {
                throw new IllegalArgumentException("--zookeeper-session-ms needs --membership zookeeper");
            }
            ReplicaGroup.Membership.checkedSession(Duration.ofMillis(zookeeperSessionMillis), zookeeper == null);
        }
        java.nio.file.Path stateDir = database.stateDir();
        ReplicaGroup.Membership mode = switch (membership) {
            case "static" -> {
                if (zookeeper != null) {
                    throw new IllegalArgumentException("--zookeeper needs --membership zookeeper");
                }
                yield ReplicaGroup.Membership.STATIC;
            }
            case "zookeeper" -> zookeeper != null ? new ReplicaGroup.Membership(zookeeper, null)
                    : ReplicaGroup.Membership.embeddedZooKeeper(stateDir.resolve("zookeeper"));
            default -> throw new IllegalArgumentException("--membership is static or zookeeper, not '" + membership + "'");
        };
        if (zookeeperSessionMillis != null) {
            mode = mode.withSession(Duration.ofMillis(zookeeperSessionMillis));
        }
        System.out.println("gridha up: starting " + replicas + " replicas (backups first), " + mode.name()
                + " membership" + (mode.server() != null ? " (ZooKeeper in this process at " + mode.connect() + ")"
                : mode.zookeeper() ? " (ZooKeeper at " + mode.connect() + ")" : "") + " ...");
        ReplicaGroup group = ReplicaGroup.start(replicas, port, stateDir, line -> { }, mode);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            group.close();
            stopped.countDown();
        }, "gridha-up-group-stop"));
        TextTable table = new TextTable("replica", "role at start", "Counter", "Matchmaker", "pid");
        for (ReplicaProcess replica : group.replicas()) {
            table.row(replica.id(), replica == group.replicas().get(0) ? "primary" : "backup",
                    replica.base(GridWars.COUNTER) + "/services/counter",
                    replica.base(GridWars.MATCHMAKER) + "/services/matchmaker", String.valueOf(replica.pid()));
        }
        table.print(System.out);
        System.out.println("gridha up: group of " + replicas + " serving; kill the primary's pid to see r2 take"
                + " over (a dead replica is restarted and rejoins); Ctrl-C stops them all.");
        System.out.flush();
        while (!stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
            for (ReplicaProcess replica : group.replicas()) {
                if (!replica.isAlive() && stopped.getCount() > 0) {
                    System.out.println("gridha up: replica " + replica.id() + " (pid " + replica.pid()
                            + ") is gone; the others carry on; restarting it to rejoin the group ...");
                    try {
                        ReplicaProcess fresh = group.restart(replica.id());
                        System.out.println("gridha up: replica " + fresh.id() + " is back (pid " + fresh.pid()
                                + ") and joins from a snapshot");
                    } catch (RuntimeException e) {
                        System.out.println("gridha up: replica " + replica.id() + " did not restart: " + e.getMessage());
                    }
                    System.out.flush();
                }
            }
        }
        return 0;
    }
}
