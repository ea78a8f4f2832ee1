package dev.gridha.launcher;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.gridha.bench.rejuvenation.BreakEven;
import dev.gridha.bench.rejuvenation.DataAccessClient;
import dev.gridha.bench.rejuvenation.OverheadBenchmark;
import dev.gridha.bench.rejuvenation.OverheadReport;
import dev.gridha.launcher.embedded.GridWars;
import dev.gridha.launcher.group.ManagedGroup;
import dev.gridha.manager.aging.AgingPolicy;

/**
 * {@code ./gridha bench overhead}: the seed's Table 2, what the rejuvenation machinery costs a service that is
 * not aging. Two containers run under the HA manager; the clients query the serving one directly and through
 * the balancer in turn, first with the manager probing every container at its period, then with the manager
 * stopped, so each path is measured with and without the probes.
 */
@Command(name = "overhead", mixinStandardHelpOptions = true,
        description = "Seed Table 2: throughput and latency of the data service queried directly and through the"
                + " balancer, with the HA manager's probes on and off.")
final class BenchOverheadCommand implements Callable<Integer> {

    @Mixin
    ManagedLoadOptions load;

    @Option(names = "--rounds", description = "rounds, each measuring every path once (default ${DEFAULT-VALUE})",
            defaultValue = "3")
    int rounds;

    @Option(names = "--warmup", description = "seconds of load on a path before its window (default ${DEFAULT-VALUE})",
            defaultValue = "5")
    int warmupSeconds;

    @Option(names = "--window", description = "seconds each path is measured (default ${DEFAULT-VALUE})",
            defaultValue = "20")
    int windowSeconds;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "10",
            description = "rows each query returns, 1-10000 (default ${DEFAULT-VALUE}, ~0.5 ms of the service's time;"
                    + " more make a heavier request, as the seed's were)")
    int rows;

    @Option(names = "--balancer", paramLabel = "KIND", defaultValue = "embedded",
            description = "embedded (the reverse proxy in this JVM, the default) or haproxy (Debian's"
                    + " /usr/sbin/haproxy)")
    String balancer;

    @Option(names = "--rv", paramLabel = "SECONDS", defaultValue = "0.33",
            description = "for the break-even model: the downtime of a rejuvenation (default ${DEFAULT-VALUE}, the"
                    + " longest measured by bench rejuvenation, docs/BENCHMARKS.md)")
    double rejuvenationDowntime;

    @Option(names = "--rp", paramLabel = "SECONDS", defaultValue = "9.25",
            description = "for the break-even model: the downtime of a plain restart (default ${DEFAULT-VALUE}, the"
                    + " mean measured by bench rejuvenation)")
    double restartDowntime;

    @Option(names = "--out", description = "Markdown results file (default bench/results/overhead-<time>.md)")
    Path out;

    @Override
    public Integer call() throws Exception {
        load.check();
        if (rounds < 1 || rounds > 50 || warmupSeconds < 0 || windowSeconds < 1 || !(rejuvenationDowntime >= 0)
                || !(restartDowntime >= 0) || rows < 1 || rows > DataAccessClient.MAX_ROWS) {
            throw new IllegalArgumentException("--rounds 1..50, --warmup >= 0, --window >= 1, --rv and --rp >= 0,"
                    + " --rows 1..10000");
        }
        Path haproxy = ManagedGroup.haproxyFor(balancer);
        OverheadBenchmark benchmark = new OverheadBenchmark(load.clients, rows, Duration.ofSeconds(warmupSeconds),
                Duration.ofSeconds(windowSeconds), BenchOutput.progress());
        BenchOutput.progress().accept("starting two containers under the HA manager");
        ManagedGroup.Settings settings = new ManagedGroup.Settings(2, 0, 0, "256m",
                load.probePeriod(), AgingPolicy.DEFAULT, List.of(), haproxy);
        BenchOutput.Calibrated<List<OverheadBenchmark.Sample>> run;
        try (ManagedGroup group = ManagedGroup.start(settings, Files.createTempDirectory("gridha-overhead-bench"))) {
            URI direct = group.containers().stream().filter(c -> c.id().equals(group.serving())).findFirst()
                    .orElseThrow().base(GridWars.DATAACCESS);
            URI balanced = URI.create(group.front() + GridWars.DATAACCESS);
            run = BenchOutput.calibrated(() -> {
                try {
                    List<OverheadBenchmark.Sample> samples = new ArrayList<>();
                    // a fresh container and client JVM run faster minute after minute while their JIT works; a
                    // round not counted keeps that out of the first phase
                    BenchOutput.progress().accept("[0/2] warming up (a round not counted)");
                    benchmark.measure(List.of(new OverheadBenchmark.Path("warm-up, direct", direct),
                            new OverheadBenchmark.Path("warm-up, balancer", balanced)), 1);
                    BenchOutput.progress().accept("[1/2] the manager probing every " + load.probePeriodMillis + " ms");
                    samples.addAll(benchmark.measure(List.of(new OverheadBenchmark.Path("direct, probes on", direct),
                            new OverheadBenchmark.Path("balancer + probes", balanced)), rounds));
                    group.stopWatching();
                    BenchOutput.progress().accept("[2/2] the manager stopped");
                    samples.addAll(0, benchmark.measure(List.of(new OverheadBenchmark.Path("direct", direct),
                            new OverheadBenchmark.Path("balancer, no probes", balanced)), rounds));
                    return samples;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            });
        }
        BenchOutput.report("overhead", out, OverheadReport.markdown(run.result(), load.clients, warmupSeconds,
                windowSeconds, rounds) + "\nEach query returns " + rows + " rows. The first path, the container queried directly with the manager stopped,"
                + " is the reference. The balancer: " + balancer + (haproxy == null ? " (in this JVM with the clients)"
                : " (a process of its own)") + "; the clients, the balancer and both containers share the machine's"
                + " two cores.\n\n" + BreakEven.markdown(OverheadReport.ratio(run.result(),
                "balancer + probes"), rejuvenationDowntime, restartDowntime) + "\n" + run.line());
        return 0;
    }
}
