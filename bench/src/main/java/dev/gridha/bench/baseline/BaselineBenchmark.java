package dev.gridha.bench.baseline;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.gridha.bench.LoadGenerator;
import dev.gridha.bench.LoadResult;
import dev.gridha.bench.ServiceOperations;
import dev.gridha.client.ClientOptions;
import dev.gridha.client.CounterClient;
import dev.gridha.client.MatchmakerClient;

/**
 * The unreplicated baseline every later feature is compared with: Counter {@code add} and Matchmaker
 * {@code jobSubmit} round trips, one client for latency and 1..16 clients for throughput, client and server
 * on one machine. Each client has its own counter (as the thesis's clients did), so the figures measure the
 * SOAP path, not contention on one resource.
 */
public final class BaselineBenchmark {

    /**
     * @param warmup           traffic before anything is measured: on 2 cores the JIT needed about a minute of
     *                         SOAP traffic before a Counter add settled (891 us after 20 s, 439 us after 70 s)
     * @param latencyOps       sequential calls timed for the one-client latency
     * @param throughputTime   how long each throughput point runs
     * @param clientCounts     the client counts of the throughput curve
     * @param transports       client transports measured side by side for latency
     */
    public record Config(Duration warmup, long latencyOps, Duration throughputTime, List<Integer> clientCounts,
                         List<Transport> transports) {

        public static Config defaults() {
            return new Config(Duration.ofSeconds(60), 20_000, Duration.ofSeconds(5), List.of(1, 2, 4, 8, 16),
                    List.of(Transport.URL_CONNECTION, Transport.CXF_DEFAULT));
        }
    }

    /** The client transports compared. */
    public enum Transport {
        URL_CONNECTION("URLConnection conduit, no chunking", ClientOptions.defaults()),
        CXF_DEFAULT("CXF default conduit (java.net.http)", ClientOptions.cxfDefaults());

        final String label;
        final ClientOptions options;

        Transport(String label, ClientOptions options) {
            this.label = label;
            this.options = options;
        }

        public String label() {
            return label;
        }
    }

    /** One measured point. */
    public record Point(String operation, Transport transport, LoadResult result) {
    }

    /**
     * The Matchmaker operation: latency is the jobSubmit call alone; throughput counts submit + complete
     * cycles (two SOAP calls), because each job is completed, untimed, to free its machine.
     */
    static final String SUBMIT_CYCLE = "Matchmaker jobSubmit (ops/s: submit+complete cycles)";

    private final URI counterEndpoint;
    private final URI matchmakerEndpoint;
    private final Config config;
    private final Consumer<String> progress;
    private final LoadGenerator load = new LoadGenerator();
    private final ServiceOperations operations = new ServiceOperations();

    public BaselineBenchmark(URI counterEndpoint, URI matchmakerEndpoint, Config config, Consumer<String> progress) {
        this.counterEndpoint = counterEndpoint;
        this.matchmakerEndpoint = matchmakerEndpoint;
        this.config = config;
        this.progress = progress;
    }

    /**
     * Runs the throughput curves first on the fast transport (they double as JIT warm-up for the one-client
     * latency that follows), then the one-client latency of each transport after its own warm-up.
     */
    public List<Point> run() {
        List<Point> points = new ArrayList<>();
        int steps = config.transports().size() * 3 + config.clientCounts().size() * 2;
        int[] step = {0};
        advertiseMachines();
        Transport fast = config.transports().get(0);
        CounterClient fastCounters = new CounterClient(counterEndpoint, fast.options);
        MatchmakerClient fastMatchmaker = new MatchmakerClient(matchmakerEndpoint, fast.options);
        progress.accept(String.format("[%d/%d] warm-up %ds, %s", ++step[0], steps, config.warmup().toSeconds(),
                fast.label));
        warmUp(fastCounters, fastMatchmaker);
        for (int clients : config.clientCounts()) {
            points.add(new Point("Counter add", fast, load.run(clients, config.throughputTime(), Long.MAX_VALUE,
                    i -> addOperation(fastCounters))));
            report(points, ++step[0], steps);
        }
        for (int clients : config.clientCounts()) {
            points.add(new Point(SUBMIT_CYCLE, fast, load.run(clients, config.throughputTime(),
                    Long.MAX_VALUE, i -> submitOperation(fastMatchmaker, "client-" + i))));
            report(points, ++step[0], steps);
        }
        for (Transport transport : config.transports()) {
            CounterClient counters = new CounterClient(counterEndpoint, transport.options);
            MatchmakerClient matchmaker = new MatchmakerClient(matchmakerEndpoint, transport.options);
            if (transport != fast) {
                progress.accept(String.format("[%d/%d] warm-up %ds, %s", ++step[0], steps,
                        config.warmup().toSeconds(), transport.label));
                warmUp(counters, matchmaker);
            } else {
                ++step[0];
            }
            points.add(new Point("Counter add", transport, load.run(1, Duration.ofMinutes(5), config.latencyOps(),
                    i -> addOperation(counters))));
            report(points, ++step[0], steps);
            points.add(new Point(SUBMIT_CYCLE, transport, load.run(1, Duration.ofMinutes(5),
                    config.latencyOps(), i -> submitOperation(matchmaker, "latency"))));
            report(points, ++step[0], steps);
        }
        return points;
    }

    private void warmUp(CounterClient counters, MatchmakerClient matchmaker) {
        Duration half = config.warmup().dividedBy(2);
        load.run(4, half, Long.MAX_VALUE, i -> addOperation(counters));
        load.run(4, half, Long.MAX_VALUE, i -> submitOperation(matchmaker, "warmup-" + i));
    }

    private void report(List<Point> points, int step, int steps) {
        Point p = points.get(points.size() - 1);
        progress.accept(String.format("[%d/%d] %s, %d client(s), %s: p50 %.0f us, p99 %.0f us, %.0f ops/s%s",
                step, steps, p.operation(), p.result().clients(), p.transport().label, p.result().p50Micros(),
                p.result().p99Micros(), p.result().throughputPerSecond(),
                p.result().errors() > 0 ? ", " + p.result().errors() + " ERRORS" : ""));
    }

    private static LoadGenerator.Operation addOperation(CounterClient counters) {
        return ServiceOperations.counterAdd(counters);
    }

    private LoadGenerator.Operation submitOperation(MatchmakerClient matchmaker, String client) {
        return operations.submitCycle(matchmaker, client);
    }

    /** More machines than clients, so a submit never waits for a machine. */
    private void advertiseMachines() {
        ServiceOperations.advertiseMachines(new MatchmakerClient(matchmakerEndpoint),
                config.clientCounts().stream().mapToInt(Integer::intValue).max().orElse(1) * 2);
    }
}
