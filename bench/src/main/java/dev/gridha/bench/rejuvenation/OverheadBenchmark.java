package dev.gridha.bench.rejuvenation;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The seed's Table 2 scaled to this machine: what the rejuvenation machinery costs a service that is not
 * aging. The same clients query the data service by each of several paths in turn (the container itself, or
 * through the balancer), round after round so that the machine's drifting speed affects each path alike; each
 * measurement follows a warm-up on that path and counts only its own window.
 */
public final class OverheadBenchmark {

    /** A way to the data service: the container's own address, or the balancer's. */
    public record Path(String name, URI dataAccess) {
        public Path {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(dataAccess, "dataAccess");
        }
    }

    /** One measurement of one path. */
    public record Sample(String path, int round, QueryLoad.Window window) {
    }

    private final int clients;
    private final int rows;
    private final Duration warmup;
    private final Duration measured;
    private final Consumer<String> progress;

    /** With the usual ten-row query. */
    public OverheadBenchmark(int clients, Duration warmup, Duration measured, Consumer<String> progress) {
        this(clients, DataAccessClient.DEFAULT_ROWS, warmup, measured, progress);
    }

    /**
     * @param clients  clients querying back to back
     * @param rows     rows each query returns (the request's weight: the balancer's cost per request is nearly
     *                 fixed, the service's grows with the rows)
     * @param warmup   load on a path before its window opens
     * @param measured how long each window is
     */
    public OverheadBenchmark(int clients, int rows, Duration warmup, Duration measured, Consumer<String> progress) {
        if (clients < 1 || warmup.isNegative() || measured.isNegative() || measured.isZero()) {
            throw new IllegalArgumentException("at least one client, a warm-up >= 0 and a window > 0");
        }
        if (rows < 1 || rows > DataAccessClient.MAX_ROWS) {
            throw new IllegalArgumentException("a query returns 1-" + DataAccessClient.MAX_ROWS + " rows, not " + rows);
        }
        this.clients = clients;
        this.rows = rows;
        this.warmup = warmup;
        this.measured = measured;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** {@code rounds} rounds, each measuring every path once, in the order given. */
    public List<Sample> measure(List<Path> paths, int rounds) throws InterruptedException {
        List<Sample> samples = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (Path path : paths) {
                QueryLoad.Window window = window(path);
                progress.accept(String.format(java.util.Locale.ROOT, "  round %d/%d, %s: %.1f queries/s, %d failed",
                        round, rounds, path.name(), window.throughput(), window.failed()));
                samples.add(new Sample(path.name(), round, window));
            }
        }
        return samples;
    }

    private QueryLoad.Window window(Path path) throws InterruptedException {
        try (QueryLoad load = QueryLoad.start(path.dataAccess(), clients, rows)) {
            Thread.sleep(warmup.toMillis());
            QueryLoad.Window opened = load.window();
            Thread.sleep(measured.toMillis());
            return load.window().since(opened);
        }
    }
}
