package dev.gridha.bench.transfer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;

import dev.gridha.bench.BenchContainer;
import dev.gridha.bench.LoadGenerator;
import dev.gridha.bench.LoadResult;
import dev.gridha.client.ClientOptions;
import dev.gridha.container.replication.BackupLog;
import dev.gridha.container.replication.PrimaryReplicator;
import dev.gridha.container.replication.StateTransfer;
import dev.gridha.container.replication.StateUpdateHandler;
import dev.gridha.container.replication.socket.SharedSecret;
import dev.gridha.container.replication.socket.SocketStateServer;
import dev.gridha.container.replication.socket.SocketStateTransfer;
import dev.gridha.container.replication.notification.NotificationProducerEndpoint;
import dev.gridha.container.replication.notification.NotificationStateConsumer;
import dev.gridha.container.replication.soap.SoapStateEndpoint;
import dev.gridha.container.replication.soap.SoapStateTransfer;

/**
 * The cost of moving one request's state to a backup and getting its acknowledgement, by state size (the
 * transport half of thesis Tables III.1-III.3): a {@link PrimaryReplicator} replicating to one backup over
 * loopback, over the authenticated socket, signed SOAP calls and signed WS-Notification, the backup applying
 * every update as it arrives.
 */
public final class StateTransferBenchmark {

    /** Sizes of the thesis's tables: 10 B, 100 B, 1 kB, 10 kB, 100 kB. */
    public static final List<Integer> SIZES = List.of(10, 100, 1_000, 10_000, 100_000);

    public static final String SOCKET = "socket";
    public static final String SOAP = "SOAP call";
    public static final String NOTIFICATION = "WS-Notification";

    public record Point(String transport, int stateBytes, LoadResult result) {
    }

    private final Duration warmup;
    private final long operations;
    private final Consumer<String> progress;
    private final Predicate<String> transports;
    private final LoadGenerator load = new LoadGenerator();

    /**
     * @param transports which transports to measure, tested against their labels ("socket", "SOAP call",
     *                   "WS-Notification")
     */
    public StateTransferBenchmark(Duration warmup, long operations, Predicate<String> transports,
                                  Consumer<String> progress) {
        this.warmup = warmup;
        this.operations = operations;
        this.transports = transports;
        this.progress = progress;
    }

    public List<Point> run() {
        SharedSecret secret = SharedSecret.generate();
        List<Point> points = new ArrayList<>();
        if (transports.test(SOCKET)) {
            points.addAll(socket(secret));
        }
        if (transports.test(SOAP)) {
            points.addAll(soap(secret));
        }
        if (transports.test(NOTIFICATION)) {
            points.addAll(notification(secret));
        }
        return points;
    }

    private List<Point> socket(SharedSecret secret) {
        try (SocketStateServer backup = new SocketStateServer(SocketStateServer.Config.loopback(0), secret,
                appliedOnReceipt())) {
            backup.start();
            StateTransfer socket = SocketStateTransfer.connect(new InetSocketAddress("127.0.0.1", backup.port()),
                    secret, Duration.ofSeconds(5), 1 << 24);
            return measure(SOCKET + " (HMAC-SHA256)", socket);
        } catch (IOException e) {
            throw new UncheckedIOException("backup did not start", e);
        }
    }

    private List<Point> soap(SharedSecret secret) {
        ClientOptions http = ClientOptions.defaults().withReceiveTimeout(Duration.ofSeconds(30));
        Bus client = BusFactory.newInstance().createBus();
        try (BenchContainer backup = new BenchContainer("backup")) {
            SoapStateEndpoint.publish(backup.bus(), "/replication", appliedOnReceipt(), secret);
            StateTransfer soap = SoapStateTransfer.to(client, backup.address("/replication"), secret, http);
            return measure(SOAP + " (WSS4J signed)", soap);
        } finally {
            client.shutdown(false);
        }
    }

    private List<Point> notification(SharedSecret secret) {
        ClientOptions http = ClientOptions.defaults().withReceiveTimeout(Duration.ofSeconds(30));
        try (BenchContainer primary = new BenchContainer("primary");
             BenchContainer backup = new BenchContainer("backup")) {
            NotificationProducerEndpoint producer = NotificationProducerEndpoint.publish(primary.bus(),
                    "/notification", "bench", secret, http);
            try (NotificationStateConsumer consumer = NotificationStateConsumer.subscribe(backup.bus(),
                    "/state-updates", backup.address("/state-updates"), primary.address("/notification"),
                    appliedOnReceipt(), secret, http)) {
                StateTransfer notification = producer.awaitSubscribers(1, Duration.ofSeconds(10)).get(0);
                return measure(NOTIFICATION + " (WSS4J signed, ack Notify)", notification);
            } finally {
                producer.close();
            }
        }
    }

    /** The backup acknowledges and applies each update at once, as the benchmark's whole service. */
    private static StateUpdateHandler appliedOnReceipt() {
        BackupLog log = new BackupLog("bench", 0, update -> { }, 1024);
        return update -> {
            synchronized (log) {
                var ack = log.receive(update);
                log.applyReady();
                return ack;
            }
        };
    }

    private List<Point> measure(String label, StateTransfer transfer) {
        List<Point> points = new ArrayList<>();
        try (PrimaryReplicator primary = new PrimaryReplicator("bench", 1, List.of(transfer),
                Duration.ofSeconds(30), 0)) {
            progress.accept(label + ": warm-up " + warmup.toSeconds() + " s");
            byte[] warm = new byte[1000];
            load.run(1, warmup, Long.MAX_VALUE, i -> () -> primary.replicate("warm", warm, warm));
            int step = 0;
            for (int size : SIZES) {
                byte[] state = new byte[size];
                LoadResult result = load.run(1, Duration.ofMinutes(2), operations,
                        i -> () -> primary.replicate("request", new byte[8], state));
                points.add(new Point(label, size, result));
                progress.accept(String.format("[%d/%d] %s, %,d B state: p50 %.0f us, p99 %.0f us", ++step,
                        SIZES.size(), label, size, result.p50Micros(), result.p99Micros()));
            }
        }
        return points;
    }
}
