package dev.gridha.launcher;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.gridha.bench.baseline.BaselineBenchmark;
import dev.gridha.bench.baseline.BaselineReport;
import dev.gridha.bench.durability.DurabilityBenchmark;
import dev.gridha.bench.durability.DurabilityReport;
import dev.gridha.bench.failover.FailoverBenchmark;
import dev.gridha.bench.failover.FailoverReport;
import dev.gridha.bench.rejuvenation.RejuvenationBenchmark;
import dev.gridha.bench.rejuvenation.RejuvenationReport;
import dev.gridha.bench.transfer.StateTransferBenchmark;
import dev.gridha.bench.wholestate.StateSizeBenchmark;
import dev.gridha.bench.wholestate.StateSizeReport;
import dev.gridha.launcher.embedded.EmbeddedGrid;
import dev.gridha.launcher.embedded.DurabilityVariants;
import dev.gridha.launcher.embedded.GridWars;
import dev.gridha.launcher.embedded.Webapp;
import dev.gridha.launcher.group.ManagedGroup;
import dev.gridha.launcher.group.ProcessFailoverGroup;
import dev.gridha.launcher.group.ReplicaGroup;
import dev.gridha.manager.aging.AgingPolicy;

/** {@code ./gridha bench NAME}: one harness per seed table. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run a benchmark.",
        subcommands = {BenchCommand.Baseline.class, BenchCommand.Transfer.class, BenchCommand.Durability.class,
                BenchCommand.StateSize.class, BenchCommand.Failover.class, BenchCommand.Rejuvenation.class,
                BenchOverheadCommand.class, BenchAgingCommand.class, BenchVmRebootCommand.class})
final class BenchCommand implements Runnable {

    @Override
    public void run() {
        System.err.println("gridha bench: name a benchmark: baseline, transfer, durability, statesize, failover,"
                + " rejuvenation, overhead, aging, vmreboot");
    }

    @Command(name = "baseline", mixinStandardHelpOptions = true,
            description = "Unreplicated Counter add and Matchmaker jobSubmit: latency and 1-16 client throughput.")
    static final class Baseline implements Callable<Integer> {

        @Option(names = "--warmup", description = "seconds of warm-up per transport (default ${DEFAULT-VALUE})",
                defaultValue = "60")
        int warmupSeconds;

        @Option(names = "--latency-ops", description = "timed sequential calls (default ${DEFAULT-VALUE})",
                defaultValue = "20000")
        long latencyOps;

        @Option(names = "--seconds", description = "seconds per throughput point (default ${DEFAULT-VALUE})",
                defaultValue = "5")
        int seconds;

        @Option(names = "--clients", split = ",", description = "client counts (default ${DEFAULT-VALUE})",
                defaultValue = "1,2,4,8,16")
        List<Integer> clients;

        @Option(names = "--out", description = "Markdown results file (default bench/results/baseline-<time>.md)")
        Path out;

        @Override
        public Integer call() throws IOException {
            if (warmupSeconds < 0 || latencyOps < 1 || seconds < 1 || clients.stream().anyMatch(c -> c < 1 || c > 256)) {
                throw new IllegalArgumentException("--warmup >= 0, --latency-ops >= 1, --seconds >= 1, "
                        + "--clients each 1..256");
            }
            BaselineBenchmark.Config config = new BaselineBenchmark.Config(Duration.ofSeconds(warmupSeconds),
                    latencyOps, Duration.ofSeconds(seconds), clients,
                    BaselineBenchmark.Config.defaults().transports());
            BenchOutput.Calibrated<List<BaselineBenchmark.Point>> run = BenchOutput.calibrated(() -> {
                try (EmbeddedGrid grid = EmbeddedGrid.start(GridWars.all(), 0)) {
                    System.out.println("gridha bench baseline: services on " + grid.baseUri()
                            + ", clients in the same JVM, " + Runtime.getRuntime().availableProcessors() + " cores");
                    return new BaselineBenchmark(grid.endpoint(GridWars.COUNTER, "/services/counter"),
                            grid.endpoint(GridWars.MATCHMAKER, "/services/matchmaker"), config,
                            BenchOutput.progress()).run();
                }
            });
            BenchOutput.report("baseline", out, BaselineReport.markdown(run.result()) + "\n" + run.line());
            return 0;
        }
    }

    @Command(name = "transfer", mixinStandardHelpOptions = true,
            description = "State transfer to one backup: authenticated socket, signed SOAP, signed WS-Notification; 10 B to 100 kB.")
    static final class Transfer implements Callable<Integer> {

        @Option(names = "--warmup", description = "seconds of warm-up (default ${DEFAULT-VALUE})", defaultValue = "20")
        int warmupSeconds;

        @Option(names = "--ops", description = "timed transfers per size (default ${DEFAULT-VALUE})",
                defaultValue = "20000")
        long operations;

        @Option(names = "--only", description = "measure only the transports whose name contains this text, or one"
                + " of several separated by | (socket, SOAP, Notification; all by default)")
        String only;

        @Option(names = "--out", description = "Markdown results file (default bench/results/transfer-<time>.md)")
        Path out;

        @Override
        public Integer call() throws IOException {
            if (warmupSeconds < 0 || operations < 1) {
                throw new IllegalArgumentException("--warmup >= 0 and --ops >= 1");
            }
            if (List.of(StateTransferBenchmark.SOCKET, StateTransferBenchmark.SOAP, StateTransferBenchmark.NOTIFICATION)
                    .stream().noneMatch(transport -> selected(only, transport))) {
                throw new IllegalArgumentException("--only '" + only + "' matches no transport");
            }
            BenchOutput.Calibrated<List<StateTransferBenchmark.Point>> run = BenchOutput.calibrated(() ->
                    new StateTransferBenchmark(Duration.ofSeconds(warmupSeconds), operations,
                            transport -> selected(only, transport),
                            BenchOutput.progress()).run());
            StringBuilder markdown = new StringBuilder("| transport | state | p50 (us) | p99 (us) | mean (us) |"
                    + " transfers/s |\n|---|---|---|---|---|---|\n");
            for (StateTransferBenchmark.Point p : run.result()) {
                markdown.append(String.format(Locale.ROOT, "| %s | %,d B | %.0f | %.0f | %.0f | %,.0f |%n",
                        p.transport(), p.stateBytes(), p.result().p50Micros(), p.result().p99Micros(),
                        p.result().meanMicros(), p.result().throughputPerSecond()));
            }
            BenchOutput.report("transfer", out, markdown + "\n" + run.line());
            return 0;
        }
    }

    @Command(name = "durability", mixinStandardHelpOptions = true,
            description = "What durability costs a request: Counter and Matchmaker with each mapping and 0-2 backups.")
    static final class Durability implements Callable<Integer> {

        @Option(names = "--warmup", description = "seconds of warm-up per variant (default ${DEFAULT-VALUE})",
                defaultValue = "20")
        int warmupSeconds;

        @Option(names = "--latency-ops", description = "timed sequential calls per variant (default ${DEFAULT-VALUE})",
                defaultValue = "3000")
        long latencyOps;

        @Option(names = "--seconds", description = "seconds of the throughput point (default ${DEFAULT-VALUE})",
                defaultValue = "5")
        int seconds;

        @Option(names = "--clients", split = ",",
                description = "the Counter's throughput points, by clients (default ${DEFAULT-VALUE})",
                defaultValue = "1,2,4,8,16")
        List<Integer> clients;

        @Option(names = "--matchmaker-clients",
                description = "clients of the Matchmaker's throughput point, the thesis's workload (default ${DEFAULT-VALUE})",
                defaultValue = "4")
        int matchmakerClients;

        @Option(names = "--passes", description = "measurements of every variant, the last reported (default ${DEFAULT-VALUE})",
                defaultValue = "2")
        int passes;

        @Option(names = "--only", description = "measure only the variants whose name contains this text, or one of"
                + " several separated by | (all by default)")
        String only;

        @Option(names = "--out", description = "Markdown results file (default bench/results/durability-<time>.md)")
        Path out;

        @Override
        public Integer call() throws IOException {
            if (warmupSeconds < 0 || latencyOps < 1 || seconds < 1 || clients.stream().anyMatch(c -> c < 1 || c > 256)
                    || matchmakerClients < 1 || matchmakerClients > 256 || passes < 1) {
                throw new IllegalArgumentException("--warmup >= 0, --latency-ops >= 1, --seconds >= 1, --clients each"
                        + " and --matchmaker-clients 1..256, --passes >= 1");
            }
            BenchOutput.Calibrated<List<DurabilityBenchmark.Point>> run = BenchOutput.calibrated(() -> {
                try (EmbeddedGrid grid = EmbeddedGrid.start(List.<Webapp>of(), 0)) {
                    System.out.println("gridha bench durability: deploying the variants into embedded Tomcat on "
                            + grid.baseUri());
                    List<DurabilityBenchmark.Variant> variants = new DurabilityVariants(grid)
                            .deployAll(System.out::println).stream()
                            .filter(v -> selected(only, v.label()))
                            .toList();
                    if (variants.isEmpty()) {
                        throw new IllegalArgumentException("--only '" + only + "' matches no variant");
                    }
                    return new DurabilityBenchmark(new DurabilityBenchmark.Config(Duration.ofSeconds(warmupSeconds),
                            latencyOps, Duration.ofSeconds(seconds), clients, matchmakerClients, passes),
                            BenchOutput.progress())
                            .run(variants);
                }
            });
            BenchOutput.report("durability", out, DurabilityReport.markdown(run.result(), clients) + " "
                    + run.line());
            return 0;
        }
    }

    @Command(name = "statesize", mixinStandardHelpOptions = true,
            description = "Thesis Tables III.2-III.3: client round trip when 10 B to 100 kB of state go to a backup over the socket, a SOAP call and WS-Notification.")
    static final class StateSize implements Callable<Integer> {

        @Option(names = "--warmup", description = "seconds of warm-up per size (default ${DEFAULT-VALUE})",
                defaultValue = "20")
        int warmupSeconds;

        @Option(names = "--ops", description = "timed calls per size and deployment (default ${DEFAULT-VALUE})",
                defaultValue = "3000")
        long operations;

        @Option(names = "--out", description = "Markdown results file (default bench/results/statesize-<time>.md)")
        Path out;

        @Override
        public Integer call() throws IOException {
            if (warmupSeconds < 0 || operations < 1) {
                throw new IllegalArgumentException("--warmup >= 0 and --ops >= 1");
            }
            BenchOutput.Calibrated<List<StateSizeBenchmark.Point>> run = BenchOutput.calibrated(() ->
                    new StateSizeBenchmark(Duration.ofSeconds(warmupSeconds), operations, BenchOutput.progress()).run());
            BenchOutput.report("statesize", out, StateSizeReport.markdown(run.result()) + "\n" + run.line());
            return 0;
        }
    }

    @Command(name = "failover", mixinStandardHelpOptions = true,
            description = "Thesis Table III.4: the gap clients see when a replicated Counter's primary process is"
                    + " killed with SIGKILL, for 1-64 clients; lost and doubled adds counted.")
    static final class Failover implements Callable<Integer> {

        @Option(names = "--clients", split = ",", description = "client counts (default ${DEFAULT-VALUE})",
                defaultValue = "1,2,4,8,16,64")
        List<Integer> clients;

        @Option(names = "--before", description = "seconds of load before the kill (default ${DEFAULT-VALUE})",
                defaultValue = "3")
        int beforeSeconds;

        @Option(names = "--after", description = "seconds of load after it (default ${DEFAULT-VALUE})",
                defaultValue = "3")
        int afterSeconds;

        @Option(names = "--membership", paramLabel = "MODE", defaultValue = "static",
                description = "static (heartbeats, the default) or zookeeper (an in-process ZooKeeper server;"
                        + " detection is its session timeout, 1 s by default)")
        String membership;

        @Option(names = "--zookeeper-session-ms", paramLabel = "MS",
                description = "with --membership zookeeper: each replica's session timeout, the detection time"
                        + " (default: the replicas' 1000; 200-2000 with the in-process server)")
        Long zookeeperSessionMillis;

        @Option(names = "--notifications", paramLabel = "MODE", defaultValue = "none",
                description = "none (the default), push or pull: the clients also watch for FAILURE notifications,"
                        + " and the report adds when the take-over announcement reached them")
        String notifications;

        @Option(names = "--out", description = "Markdown results file (default bench/results/failover-<time>.md)")
        Path out;

        @Override
        public Integer call() throws Exception {
            FailoverBenchmark.Notifications watching;
            try {
                watching = FailoverBenchmark.Notifications.valueOf(notifications.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--notifications is none, push or pull, not '" + notifications + "'");
            }
            if (clients.stream().anyMatch(c -> c < 1 || c > 256) || beforeSeconds < 1 || afterSeconds < 1) {
                throw new IllegalArgumentException("--clients each 1..256, --before and --after >= 1");
            }
            if (!membership.equals("static") && !membership.equals("zookeeper")) {
                throw new IllegalArgumentException("--membership is static or zookeeper, not '" + membership + "'");
            }
            boolean zookeeper = membership.equals("zookeeper");
            if (zookeeperSessionMillis != null && !zookeeper) {
                throw new IllegalArgumentException("--zookeeper-session-ms needs --membership zookeeper");
            }
            // refused before anything starts, not at the first group
            Duration session = zookeeperSessionMillis == null ? null
                    : ReplicaGroup.Membership.checkedSession(Duration.ofMillis(zookeeperSessionMillis), true);
            // every call a killed primary breaks is retried by the fault-tolerant client; CXF would also log each
            // with its stack trace
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                    "org.apache.cxf.phase.PhaseInterceptorChain")).setLevel(ch.qos.logback.classic.Level.ERROR);
            Path states = Files.createTempDirectory("gridha-failover-bench");
            FailoverBenchmark benchmark = new FailoverBenchmark(Duration.ofSeconds(beforeSeconds),
                    Duration.ofSeconds(afterSeconds), BenchOutput.progress(), watching);
            BenchOutput.Calibrated<List<FailoverBenchmark.Point>> run = BenchOutput.calibrated(() -> {
                List<FailoverBenchmark.Point> points = new ArrayList<>();
                int step = 0;
                for (int count : clients) {
                    BenchOutput.progress().accept(String.format("[%d/%d] %d client%s: starting a group of two"
                            + " replica processes", ++step, clients.size(), count, count == 1 ? "" : "s"));
                    Path folder = states.resolve("run-" + step);
                    try {
                        points.add(benchmark.measure(() -> zookeeper ? ProcessFailoverGroup.withZooKeeper(folder, session)
                                : ProcessFailoverGroup.start(folder), count));
                    } catch (Exception e) {
                        throw new IllegalStateException(count + " clients: " + e.getMessage(), e);
                    }
                }
                return points;
            });
            BenchOutput.report("failover", out, "Membership: " + membership + (session == null ? "" : " (session"
                    + " timeout " + session.toMillis() + " ms)") + "; FAILURE notifications: "
                    + notifications + ".\n\n"
                    + FailoverReport.markdown(run.result()) + "\n" + run.line());
            return 0;
        }
    }

    @Command(name = "rejuvenation", mixinStandardHelpOptions = true,
            description = "Seed Table 6: constant load on the data service, one intervention at mid-run:"
                    + " rejuvenation behind the balancer (hot standby; standby as the durable services' backup)"
                    + " against a plain restart of the serving container.")
    static final class Rejuvenation implements Callable<Integer> {

        /** The standby is the serving container's backup: the state is handed over (up --managed --replicated). */
        private static final String HANDOVER = "rejuvenation, backup takes over";
        private static final List<String> INTERVENTIONS = List.of("rejuvenation", HANDOVER, "service restart");

        @Option(names = "--clients", description = "clients querying back to back (default ${DEFAULT-VALUE})",
                defaultValue = "4")
        int clients;

        @Option(names = "--before", description = "seconds of load before the intervention (default ${DEFAULT-VALUE})",
                defaultValue = "10")
        int beforeSeconds;

        @Option(names = "--after", description = "seconds of load after it (default ${DEFAULT-VALUE})",
                defaultValue = "30")
        int afterSeconds;

        @Option(names = "--rounds", description = "runs of each intervention (default ${DEFAULT-VALUE})",
                defaultValue = "1")
        int rounds;

        @Option(names = "--repeat", description = "rejuvenations in one run, each --before seconds after the"
                + " previous one ended (default ${DEFAULT-VALUE}; the issue's goal counts >= 20)", defaultValue = "1")
        int repeat;

        @Option(names = "--only", description = "make only the interventions whose name contains this text, or one"
                + " of several separated by | (rejuvenation, backup, restart; all by default)")
        String only;

        @Option(names = "--out", description = "Markdown results file (default bench/results/rejuvenation-<time>.md)")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (clients < 1 || clients > 64 || beforeSeconds < 1 || afterSeconds < 1 || rounds < 1 || rounds > 50
                    || repeat < 1 || repeat > 100) {
                throw new IllegalArgumentException("--clients 1..64, --before and --after >= 1, --rounds 1..50,"
                        + " --repeat 1..100");
            }
            List<String> interventions = INTERVENTIONS.stream().filter(name -> selected(only, name)).toList();
            if (interventions.isEmpty()) {
                throw new IllegalArgumentException("--only '" + only + "' names none of " + INTERVENTIONS);
            }
            RejuvenationBenchmark benchmark =
                    new RejuvenationBenchmark(clients, Duration.ofSeconds(beforeSeconds),
                            Duration.ofSeconds(afterSeconds), BenchOutput.progress());
            Path states = Files.createTempDirectory("gridha-rejuvenation-bench");
            List<RejuvenationBenchmark.Run> runs = new ArrayList<>();
            int step = 0;
            for (int round = 1; round <= rounds; round++) {
                for (String name : interventions) {
                    boolean replicated = name.equals(HANDOVER);
                    BenchOutput.progress().accept(String.format("[%d/%d] %s: starting two %scontainers behind the"
                            + " balancer", ++step, interventions.size() * rounds, name, replicated ? "replicated " : ""));
                    ManagedGroup.Settings settings = new ManagedGroup.Settings(2, 0, 0, "256m", Duration.ofSeconds(5),
                            AgingPolicy.DEFAULT, List.of());
                    try (ManagedGroup group = ManagedGroup.start(replicated ? settings.replicas() : settings,
                            states.resolve("run-" + step))) {
                        group.stopWatching(); // the benchmark intervenes itself, once
                        URI dataAccess = URI.create(group.front() + GridWars.DATAACCESS);
                        runs.add(name.equals("service restart")
                                ? benchmark.measure(name, dataAccess, () -> group.restartInPlace(group.serving()))
                                : benchmark.measure(name, dataAccess, () -> group.rejuvenateNow(group.serving()), repeat));
                    }
                }
            }
            BenchOutput.report("rejuvenation", out, RejuvenationReport.markdown(runs,
                    clients, beforeSeconds, afterSeconds) + "\nVM reboot (libvirt): `./gridha bench vmreboot` measures it"
                    + " with a real guest (docs/BENCHMARKS.md).\n");
            return 0;
        }
    }

    /** Whether {@code label} contains one of the |-separated texts of {@code only} (case aside); all if none. */
    static boolean selected(String only, String label) {
        if (only == null) {
            return true;
        }
        String lower = label.toLowerCase(Locale.ROOT);
        for (String text : only.split("\\|")) {
            if (!text.isBlank() && lower.contains(text.strip().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
