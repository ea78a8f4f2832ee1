package dev.gridha.bench.wholestate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.ws.addressing.WSAddressingFeature;

import dev.gridha.bench.BenchContainer;
import dev.gridha.bench.LoadGenerator;
import dev.gridha.bench.LoadResult;
import dev.gridha.client.ClientOptions;
import dev.gridha.container.endpoint.ServiceEndpoints;
import dev.gridha.container.replication.notification.NotificationProducerEndpoint;
import dev.gridha.container.replication.notification.NotificationStateConsumer;
import dev.gridha.container.replication.notification.SubscribedTransfer;
import dev.gridha.container.replication.soap.SoapStateEndpoint;
import dev.gridha.container.replication.soap.SoapStateTransfer;
import dev.gridha.container.replication.socket.SharedSecret;
import dev.gridha.container.wholeservice.WholeServiceFeature;
import dev.gridha.durability.runtime.database.DatabaseConfig;
import dev.gridha.durability.runtime.deployment.DeploymentConfig;
import dev.gridha.durability.runtime.deployment.DeploymentConfig.Transport;
import dev.gridha.durability.runtime.deployment.DurableDeployment;
import dev.gridha.durability.runtime.deployment.OpenResources;
import dev.gridha.durability.runtime.deployment.Role;
import dev.gridha.durability.runtime.deployment.WholeServiceDeployment;

/**
 * Thesis Tables III.2-III.3 at this machine's scale: the client's round trip through a SOAP service whose
 * whole state (10 B to 100 kB) goes to one backup before each reply, over each of the three transports
 * (authenticated socket, signed SOAP call, signed WS-Notification), against the same service unreplicated,
 * all in one run. The service runs in embedded Tomcat with CXF, as a WAR would; each backup is another
 * deployment in the same JVM.
 */
public final class StateSizeBenchmark {

    public static final List<Integer> SIZES = List.of(10, 100, 1_000, 10_000, 100_000);
    /** The transports in the order they are measured and reported. */
    public static final List<Transport> TRANSPORTS = List.of(Transport.SOCKET, Transport.SOAP, Transport.NOTIFICATION);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);
    /** Each deployment's calls are split into this many rounds, taken in turn. */
    private static final int ROUNDS = 10;

    /** One size's unreplicated latency and its replicated latency per transport. */
    public record Point(int stateBytes, LoadResult unreplicated, Map<Transport, LoadResult> replicated) {
    }

    private final Duration warmup;
    private final long operations;
    private final Consumer<String> progress;
    private final LoadGenerator load = new LoadGenerator();
    private final SharedSecret secret = SharedSecret.generate();
    private final DatabaseConfig unused = DatabaseConfig.h2InMemory("unused");
    private final ClientOptions http = ClientOptions.defaults().withReceiveTimeout(ACK_TIMEOUT);

    public StateSizeBenchmark(Duration warmup, long operations, Consumer<String> progress) {
        this.warmup = warmup;
        this.operations = operations;
        this.progress = progress;
    }

    public List<Point> run() {
        List<Point> points = new ArrayList<>();
        try (BenchContainer container = new BenchContainer("registers")) {
            int step = 0;
            for (int size : SIZES) {
                progress.accept(String.format("[%d/%d] %,d B state: deploying, then %d s of warm-up", ++step,
                        SIZES.size(), size, warmup.toSeconds()));
                try (OpenResources deployments = new OpenResources()) {
                    PaddedRegister alone = new PaddedRegister(size);
                    WholeServiceDeployment standalone = deployments.add(WholeServiceDeployment.start(alone,
                            DeploymentConfig.standalone("alone-" + size, unused)));
                    Register plain = publish(container, "/alone-" + size, alone, standalone);
                    Map<Transport, Register> replicated = new LinkedHashMap<>();
                    for (Transport transport : TRANSPORTS) {
                        replicated.put(transport, replicatedPair(container, deployments, transport, size));
                    }
                    Duration share = warmup.dividedBy(1 + TRANSPORTS.size());
                    load.run(1, share, Long.MAX_VALUE, i -> () -> plain.write(1));
                    replicated.values().forEach(client -> load.run(1, share, Long.MAX_VALUE, i -> () -> client.write(1)));

                    // Interleaved in rounds, so a slow minute of this shared machine falls on every column
                    // alike instead of on whichever deployment happened to be measured then.
                    LoadResult without = null;
                    Map<Transport, LoadResult> with = new LinkedHashMap<>();
                    for (int round = 0; round < ROUNDS; round++) {
                        long perRound = Math.max(1, operations / ROUNDS);
                        without = plus(without, load.run(1, Duration.ofMinutes(5), perRound, i -> () -> plain.write(1)));
                        for (Map.Entry<Transport, Register> client : replicated.entrySet()) {
                            with.merge(client.getKey(), load.run(1, Duration.ofMinutes(5), perRound,
                                    i -> () -> client.getValue().write(1)), LoadResult::plus);
                        }
                    }
                    LoadResult unreplicated = without;
                    StringBuilder line = new StringBuilder(String.format("      unreplicated p50 %.0f us",
                            unreplicated.p50Micros()));
                    with.forEach((transport, result) -> line.append(String.format(", %s %.0f us (%.2fx)",
                            label(transport), result.p50Micros(), result.p50Micros() / unreplicated.p50Micros())));
                    points.add(new Point(size, unreplicated, with));
                    progress.accept(line.toString());
                }
            }
        }
        return points;
    }

    private static LoadResult plus(LoadResult sum, LoadResult next) {
        return sum == null ? next : sum.plus(next);
    }

    /** Deploys a backup and a primary replicating to it over {@code transport}; returns a client of the primary. */
    private Register replicatedPair(BenchContainer container, OpenResources deployments, Transport transport, int size) {
        String name = transport.name().toLowerCase(java.util.Locale.ROOT) + "-" + size;
        String group = "register-" + name;
        WholeServiceDeployment backup;
        String backupAddress;
        DurableDeployment.TransportFactory transports;
        switch (transport) {
            case SOCKET -> {
                backup = deployments.add(WholeServiceDeployment.start(new PaddedRegister(size),
                        config(Role.BACKUP, group, List.of(), transport)));
                backupAddress = "127.0.0.1:" + backup.replicationPort();
                transports = null;
            }
            case SOAP -> {
                backup = deployments.add(WholeServiceDeployment.start(new PaddedRegister(size),
                        config(Role.BACKUP, group, List.of(), transport), url -> {
                            throw new IllegalStateException("a backup has no backups");
                        }));
                backupAddress = container.address("/replication-" + name);
                var endpoint = SoapStateEndpoint.publish(container.bus(), "/replication-" + name,
                        backup.backupReceiver(), secret);
                deployments.add(endpoint::destroy);
                transports = url -> SoapStateTransfer.to(container.bus(), url, secret, http);
            }
            case NOTIFICATION -> {
                NotificationProducerEndpoint producer = deployments.add(NotificationProducerEndpoint.publish(
                        container.bus(), "/producer-" + name, group, secret, http));
                backup = deployments.add(WholeServiceDeployment.start(new PaddedRegister(size),
                        config(Role.BACKUP, group, List.of(), transport), url -> {
                            throw new IllegalStateException("a backup has no backups");
                        }));
                backupAddress = container.address("/consumer-" + name);
                deployments.add(NotificationStateConsumer.subscribe(container.bus(), "/consumer-" + name,
                        backupAddress, container.address("/producer-" + name), backup.backupReceiver(), secret,
                        http));
                transports = url -> new SubscribedTransfer(producer, url, ACK_TIMEOUT);
            }
            default -> throw new IllegalArgumentException("unknown transport " + transport);
        }
        PaddedRegister service = new PaddedRegister(size);
        DeploymentConfig primaryConfig = config(Role.PRIMARY, group, List.of(backupAddress), transport);
        WholeServiceDeployment primary = deployments.add(transports == null
                ? WholeServiceDeployment.start(service, primaryConfig)
                : WholeServiceDeployment.start(service, primaryConfig, transports));
        return publish(container, "/" + name, service, primary);
    }

    private DeploymentConfig config(Role role, String group, List<String> backups, Transport transport) {
        return new DeploymentConfig(role, group, backups, 0, secret, ACK_TIMEOUT, unused, transport);
    }

    private static Register publish(BenchContainer container, String path, PaddedRegister service,
                                     WholeServiceDeployment deployment) {
        ServiceEndpoints.publish(container.bus(), path, service, List.of(new WholeServiceFeature(deployment)));
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(Register.class);
        factory.setAddress(container.address(path));
        factory.getFeatures().add(new WSAddressingFeature());
        return ClientOptions.defaults().applyTo((Register) factory.create());
    }

    /** How the report names a transport. */
    public static String label(Transport transport) {
        return switch (transport) {
            case SOCKET -> "socket";
            case SOAP -> "SOAP call";
            case NOTIFICATION -> "WS-Notification";
        };
    }
}
