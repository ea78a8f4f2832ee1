package dev.gridha.bench.durability;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import dev.gridha.bench.LoadGenerator;
import dev.gridha.bench.LoadResult;
import dev.gridha.bench.ServiceOperations;
import dev.gridha.client.ClientOptions;
import dev.gridha.client.CounterClient;
import dev.gridha.client.MatchmakerClient;

/**
 * What durability costs a request (thesis ch. III-IV, Tables III.2-III.3 and IV): the same Counter and
 * Matchmaker WARs deployed with different mappings and replica counts, each measured for one-client latency
 * and many-client throughput. Each variant is a separate webapp, so each gets its own warm-up (the JIT
 * compiles every webapp's classes separately).
 */
public final class DurabilityBenchmark {

    /** Which service a variant runs. */
    public enum Service { COUNTER, MATCHMAKER }

    /**
     * @param label    what is deployed, for the report ("Counter, database (H2)")
     * @param endpoint the service endpoint of the webapp that serves requests (the primary)
     */
    public record Variant(String label, Service service, URI endpoint) {
        public Variant {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(endpoint, "endpoint");
        }
    }

    /**
     * @param warmup         traffic per variant before it is measured
     * @param latencyOps     sequential calls timed for the one-client latency
     * @param throughputTime how long the many-client point runs
     * @param clients        the Counter's throughput points, by clients (1-16 in the thesis's sweep); the
     *                       last is the one reported beside the Matchmaker's
     * @param matchmakerClients clients of the Matchmaker's throughput point (the thesis's workload had 4)
     * @param passes         how often every variant is measured; only the last pass is reported (the first
     *                       measured the first variants while the shared JVM code was still being compiled)
     */
    public record Config(Duration warmup, long latencyOps, Duration throughputTime, List<Integer> clients,
                         int matchmakerClients, int passes) {

        public Config {
            clients = List.copyOf(clients);
            if (clients.isEmpty()) {
                throw new IllegalArgumentException("at least one Counter client count");
            }
        }

        /** Clients of {@code service}'s throughput points. */
        public List<Integer> clientsOf(Service service) {
            return service == Service.COUNTER ? clients : List.of(matchmakerClients);
        }
    }

    /**
     * One variant's figures.
     *
     * @param throughputs one per client count, in the order measured
     */
    public record Point(Variant variant, LoadResult latency, List<LoadResult> throughputs) {

        /** The last (largest) throughput point. */
        public LoadResult throughput() {
            return throughputs.get(throughputs.size() - 1);
        }
    }

    private final Config config;
    private final Consumer<String> progress;
    private final LoadGenerator load = new LoadGenerator();
    private final ServiceOperations operations = new ServiceOperations();

    public DurabilityBenchmark(Config config, Consumer<String> progress) {
        this.config = config;
        this.progress = progress;
    }

    public List<Point> run(List<Variant> variants) {
        List<Point> points = new ArrayList<>();
        int step = 0;
        int steps = variants.size() * config.passes();
        List<OperationFactory> factories = new ArrayList<>();
        for (Variant variant : variants) {
            factories.add(operations(variant));
        }
        for (int pass = 1; pass <= config.passes(); pass++) {
            points.clear();
            for (int v = 0; v < variants.size(); v++) {
                step++;
                points.add(measure(variants.get(v), factories.get(v), step, steps));
            }
        }
        return points;
    }

    private Point measure(Variant variant, OperationFactory operations, int step, int steps) {
        progress.accept(String.format("[%d/%d] %s: warm-up %ds", step, steps, variant.label(),
                config.warmup().toSeconds()));
        load.run(4, config.warmup(), Long.MAX_VALUE, operations::create);
        LoadResult latency = load.run(1, Duration.ofMinutes(5), config.latencyOps(), operations::create);
        List<LoadResult> throughputs = new ArrayList<>();
        StringBuilder line = new StringBuilder(String.format("      p50 %.0f us, p99 %.0f us", latency.p50Micros(),
                latency.p99Micros()));
        long errors = latency.errors();
        for (int clients : config.clientsOf(variant.service())) {
            LoadResult throughput = load.run(clients, config.throughputTime(), Long.MAX_VALUE, operations::create);
            throughputs.add(throughput);
            errors += throughput.errors();
            line.append(String.format("; %d clients: %.0f ops/s", clients, throughput.throughputPerSecond()));
        }
        progress.accept(line + (errors > 0 ? ", " + errors + " ERRORS" : ""));
        return new Point(variant, latency, throughputs);
    }

    @FunctionalInterface
    private interface OperationFactory {
        LoadGenerator.Operation create(int client);
    }

    private OperationFactory operations(Variant variant) {
        ClientOptions options = ClientOptions.defaults();
        if (variant.service() == Service.COUNTER) {
            CounterClient counters = new CounterClient(variant.endpoint(), options);
            return client -> ServiceOperations.counterAdd(counters);
        }
        MatchmakerClient matchmaker = new MatchmakerClient(variant.endpoint(), options);
        ServiceOperations.advertiseMachines(matchmaker, Math.max(8, config.matchmakerClients() * 2));
        return client -> operations.submitCycle(matchmaker, "client-" + client);
    }
}
