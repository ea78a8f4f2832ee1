package dev.gridha.bench.wholestate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.ws.addressing.WSAddressingFeature;

import dev.gridha.bench.BenchContainer;
import dev.gridha.bench.LoadGenerator;
import dev.gridha.bench.LoadResult;
import dev.gridha.client.ClientOptions;
import dev.gridha.container.endpoint.ServiceEndpoints;
import dev.gridha.container.replication.socket.SharedSecret;
import dev.gridha.container.wholeservice.WholeServiceFeature;
import dev.gridha.durability.runtime.database.DatabaseConfig;
import dev.gridha.durability.runtime.deployment.DeploymentConfig;
import dev.gridha.durability.runtime.deployment.Role;
import dev.gridha.durability.runtime.deployment.WholeServiceDeployment;

/**
 * Thesis Tables III.2-III.3 at this machine's scale: the client's round trip through a SOAP service whose
 * whole state (10 B to 100 kB) goes to one backup before each reply, against the same service unreplicated.
 * The service runs in embedded Tomcat with CXF, as a WAR would; the backup is another deployment in the same
 * JVM, reached over the authenticated socket.
 */
public final class StateSizeBenchmark {

    public static final List<Integer> SIZES = List.of(10, 1_000, 10_000, 100_000);

    /** One size's unreplicated and replicated latency. */
    public record Point(int stateBytes, LoadResult unreplicated, LoadResult replicated) {
    }

    private final Duration warmup;
    private final long operations;
    private final Consumer<String> progress;
    private final LoadGenerator load = new LoadGenerator();

    public StateSizeBenchmark(Duration warmup, long operations, Consumer<String> progress) {
        this.warmup = warmup;
        this.operations = operations;
        this.progress = progress;
    }

    public List<Point> run() {
        List<Point> points = new ArrayList<>();
        SharedSecret secret = SharedSecret.generate();
        DatabaseConfig unused = DatabaseConfig.h2InMemory("unused");
        try (BenchContainer container = new BenchContainer("registers")) {
            int step = 0;
            for (int size : SIZES) {
                PaddedRegister alone = new PaddedRegister(size);
                PaddedRegister primaryService = new PaddedRegister(size);
                try (WholeServiceDeployment standalone = WholeServiceDeployment.start(alone,
                             DeploymentConfig.standalone("alone-" + size, unused));
                     WholeServiceDeployment backup = WholeServiceDeployment.start(new PaddedRegister(size),
                             new DeploymentConfig(Role.BACKUP, "register-" + size, List.of(), 0, secret,
                                     Duration.ofSeconds(10), unused, DeploymentConfig.Transport.SOCKET));
                     WholeServiceDeployment primary = WholeServiceDeployment.start(primaryService,
                             new DeploymentConfig(Role.PRIMARY, "register-" + size,
                                     List.of("127.0.0.1:" + backup.replicationPort()), 0, secret,
                                     Duration.ofSeconds(10), unused, DeploymentConfig.Transport.SOCKET))) {
                    ServiceEndpoints.publish(container.bus(), "/alone-" + size, alone,
                            List.of(new WholeServiceFeature(standalone)));
                    ServiceEndpoints.publish(container.bus(), "/replicated-" + size, primaryService,
                            List.of(new WholeServiceFeature(primary)));
                    Register plain = client(container.address("/alone-" + size));
                    Register replicated = client(container.address("/replicated-" + size));
                    progress.accept(String.format("[%d/%d] %,d B state: warm-up %d s", ++step, SIZES.size(), size,
                            warmup.toSeconds()));
                    load.run(1, warmup.dividedBy(2), Long.MAX_VALUE, i -> () -> plain.write(1));
                    load.run(1, warmup.dividedBy(2), Long.MAX_VALUE, i -> () -> replicated.write(1));
                    LoadResult without = load.run(1, Duration.ofMinutes(5), operations, i -> () -> plain.write(1));
                    LoadResult with = load.run(1, Duration.ofMinutes(5), operations, i -> () -> replicated.write(1));
                    points.add(new Point(size, without, with));
                    progress.accept(String.format("      unreplicated p50 %.0f us, replicated p50 %.0f us (%.2fx)",
                            without.p50Micros(), with.p50Micros(), with.p50Micros() / without.p50Micros()));
                }
            }
        }
        return points;
    }

    private static Register client(String address) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(Register.class);
        factory.setAddress(address);
        factory.getFeatures().add(new WSAddressingFeature());
        return ClientOptions.defaults().applyTo((Register) factory.create());
    }
}
