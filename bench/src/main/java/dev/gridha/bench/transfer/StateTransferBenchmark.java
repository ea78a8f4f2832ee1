package dev.gridha.bench.transfer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.gridha.bench.LoadGenerator;
import dev.gridha.bench.LoadResult;
import dev.gridha.container.replication.BackupLog;
import dev.gridha.container.replication.PrimaryReplicator;
import dev.gridha.container.replication.StateTransfer;
import dev.gridha.container.replication.socket.SharedSecret;
import dev.gridha.container.replication.socket.SocketStateServer;
import dev.gridha.container.replication.socket.SocketStateTransfer;

/**
 * The cost of moving one request's state to a backup and getting its acknowledgement, by state size (the
 * transport half of thesis Tables III.1-III.3): a {@link PrimaryReplicator} replicating to one backup over
 * the authenticated socket transport on loopback, the backup applying every update as it would in service.
 */
public final class StateTransferBenchmark {

    /** Sizes of the thesis's tables: 10 B, 100 B, 1 kB, 10 kB, 100 kB. */
    public static final List<Integer> SIZES = List.of(10, 100, 1_000, 10_000, 100_000);

    public record Point(String transport, int stateBytes, LoadResult result) {
    }

    private final Duration warmup;
    private final long operations;
    private final Consumer<String> progress;
    private final LoadGenerator load = new LoadGenerator();

    public StateTransferBenchmark(Duration warmup, long operations, Consumer<String> progress) {
        this.warmup = warmup;
        this.operations = operations;
        this.progress = progress;
    }

    public List<Point> run() {
        SharedSecret secret = SharedSecret.generate();
        BackupLog[] log = new BackupLog[1];
        log[0] = new BackupLog("bench", 0, update -> { }, 1024);
        List<Point> points = new ArrayList<>();
        try (SocketStateServer backup = new SocketStateServer(SocketStateServer.Config.loopback(0), secret,
                update -> {
                    var ack = log[0].receive(update);
                    log[0].applyReady();
                    return ack;
                })) {
            backup.start();
            StateTransfer transfer = SocketStateTransfer.connect(new InetSocketAddress("127.0.0.1", backup.port()),
                    secret, Duration.ofSeconds(5), 1 << 24);
            try (PrimaryReplicator primary = new PrimaryReplicator("bench", 1, List.of(transfer),
                    Duration.ofSeconds(5), 0)) {
                progress.accept("warm-up " + warmup.toSeconds() + " s");
                byte[] warm = new byte[1000];
                load.run(1, warmup, Long.MAX_VALUE, i -> () -> primary.replicate("warm", warm, warm));
                int step = 0;
                for (int size : SIZES) {
                    byte[] state = new byte[size];
                    LoadResult result = load.run(1, Duration.ofMinutes(2), operations,
                            i -> () -> primary.replicate("request", new byte[8], state));
                    points.add(new Point("socket (HMAC-SHA256)", size, result));
                    progress.accept(String.format("[%d/%d] socket, %,d B state: p50 %.0f us, p99 %.0f us",
                            ++step, SIZES.size(), size, result.p50Micros(), result.p99Micros()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("backup did not start", e);
        }
        return points;
    }
}
