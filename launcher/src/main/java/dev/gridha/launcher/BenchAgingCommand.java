package dev.gridha.launcher;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.gridha.bench.rejuvenation.AgingBenchmark;
import dev.gridha.bench.rejuvenation.AgingReport;
import dev.gridha.launcher.embedded.GridWars;
import dev.gridha.launcher.group.ManagedGroup;
import dev.gridha.manager.aging.AgingPolicy;
import dev.gridha.manager.events.ManagerEvent;
import dev.gridha.manager.probe.ProbeException;
import dev.gridha.probe.ProbeReading;

/**
 * {@code ./gridha bench aging}: the seed's Table 5. The data service leaks on every query; clients query it
 * through the balancer for a fixed time, first with the HA manager stopped (the container is left to age, the
 * seed's "normal execution"), then under the manager, which rejuvenates the serving container when its
 * detector sees the aging coming. Each run starts fresh containers.
 */
@Command(name = "aging", mixinStandardHelpOptions = true,
        description = "Seed Table 5: a leaking data service under constant load, left to age and under the HA"
                + " manager: latency, throughput, live heap, missed queries, and what the manager did.")
final class BenchAgingCommand implements Callable<Integer> {

    @Mixin
    ManagedLoadOptions load;

    @Option(names = "--seconds", description = "length of each run (default ${DEFAULT-VALUE})", defaultValue = "240")
    int seconds;

    @Option(names = "--leak-bytes-per-request", paramLabel = "BYTES", defaultValue = "2048",
            description = "bytes the data service keeps of every query (default ${DEFAULT-VALUE})")
    long leakBytesPerRequest;

    @Option(names = "--container-heap", paramLabel = "SIZE", defaultValue = "256m",
            description = "each container's -Xmx (default ${DEFAULT-VALUE})")
    String heap;

    @Option(names = "--only", paramLabel = "RUN", description = "aged or managed: that run alone")
    String only;

    @Option(names = "--out", description = "Markdown results file (default bench/results/aging-<time>.md)")
    Path out;

    @Override
    public Integer call() throws Exception {
        load.check();
        if (seconds < 10 || leakBytesPerRequest < 1) {
            throw new IllegalArgumentException("--seconds >= 10 and --leak-bytes-per-request >= 1");
        }
        if (only != null && !only.equals("aged") && !only.equals("managed")) {
            throw new IllegalArgumentException("--only is aged or managed, not '" + only + "'");
        }
        AgingBenchmark benchmark = new AgingBenchmark(load.clients, Duration.ofSeconds(seconds),
                Duration.ofSeconds(1), BenchOutput.progress());
        Path states = Files.createTempDirectory("gridha-aging-bench");
        BenchOutput.Calibrated<List<AgingReport.Row>> run = BenchOutput.calibrated(() -> {
            try {
                List<AgingReport.Row> rows = new ArrayList<>();
                if (only == null || only.equals("aged")) {
                    rows.add(measure(benchmark, "left to age", false, states.resolve("aged")));
                }
                if (only == null || only.equals("managed")) {
                    rows.add(measure(benchmark, "under the HA manager", true, states.resolve("managed")));
                }
                return rows;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        });
        BenchOutput.report("aging", out, AgingReport.markdown(run.result(), load.clients, leakBytesPerRequest, heap,
                seconds) + "\nThe manager's policy: the seed's 50% threshold and a forecast of exhaustion twice a 30 s"
                + " rejuvenation ahead, each held for 2 samples, one sample every " + load.probePeriodMillis + " ms."
                + " The peak live heap is the serving container's, sampled every second.\n\n" + run.line());
        return 0;
    }

    private AgingReport.Row measure(AgingBenchmark benchmark, String name, boolean managed, Path folder)
            throws InterruptedException {
        BenchOutput.progress().accept(name + ": starting two leaking containers behind the balancer");
        ManagedGroup.Settings settings = new ManagedGroup.Settings(2, 0, 0, heap, load.probePeriod(),
                AgingPolicy.DEFAULT, List.of("-Dgridha.dataaccess.leak-bytes-per-request=" + leakBytesPerRequest));
        try (ManagedGroup group = ManagedGroup.start(settings, folder)) {
            if (!managed) {
                group.stopWatching(); // no rejuvenation, no recovery: the container ages as it would alone
            }
            AgingBenchmark.Run run = benchmark.measure(name, URI.create(group.front() + GridWars.DATAACCESS),
                    () -> servingHeap(group));
            List<String> actions = group.manager().events().recent().stream()
                    .filter(event -> event.kind().equals("rejuvenation") || event.kind().equals("crash"))
                    .map(BenchAgingCommand::describe).toList();
            return new AgingReport.Row(run, actions);
        }
    }

    private static Optional<AgingBenchmark.Heap> servingHeap(ManagedGroup group) throws InterruptedException {
        try {
            ProbeReading reading = group.probe(group.serving());
            return Optional.of(new AgingBenchmark.Heap(reading.liveHeap(), reading.heapMax()));
        } catch (ProbeException | IllegalStateException e) {
            return Optional.empty(); // restarting, or too busy collecting to answer: not a sample
        }
    }

    private static String describe(ManagerEvent event) {
        return event.at() + " " + event.container() + " " + event.kind() + ": " + event.text();
    }
}
