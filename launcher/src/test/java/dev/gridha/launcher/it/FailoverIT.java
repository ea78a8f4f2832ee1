package dev.gridha.launcher.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.gridha.client.ClientOptions;
import dev.gridha.client.CounterClient;
import dev.gridha.client.RemoteCounter;
import dev.gridha.client.faulttolerance.FaultTolerance;
import dev.gridha.container.replication.socket.SharedSecret;
import dev.gridha.launcher.embedded.EmbeddedGrid;
import dev.gridha.launcher.group.FreePorts;

/**
 * A replicated Counter pair with static failover in the shared Tomcat, used through fault-tolerant client
 * stubs: the primary's webapp is undeployed while clients add, the backup takes over, the clients carry on
 * without an error, and every add counts exactly once.
 */
class FailoverIT {

    private static final EmbeddedGrid GRID = SharedGrid.get();

    @Test
    void clientsCarryOnThroughAFailoverAndEveryAddCountsOnce() throws Exception {
        Map<String, String> group = new HashMap<>(Map.of(
                "gridha.failover", "static",
                "gridha.replicas", "a=127.0.0.1:" + FreePorts.tcpAndUdp() + ",b=127.0.0.1:" + FreePorts.tcpAndUdp(),
                "gridha.group", "ft-counter",
                "gridha.mapping", "counter-replicated.xml",
                "gridha.replication.secret", SharedSecret.generate().toBase64(),
                "gridha.failover.startup-grace-ms", "5000"));
        // backups first: the primary connects to them
        GRID.deploy(SharedGrid.counterReplica("/ft-b", group, "b"));
        GRID.deploy(SharedGrid.counterReplica("/ft-a", group, "a"));
        try {
            FaultTolerance tolerance = FaultTolerance.across(List.of(SharedGrid.base("/ft-a"),
                    SharedGrid.base("/ft-b")));
            CounterClient counters = new CounterClient(GRID.endpoint("/ft-a", "/services/counter"),
                    ClientOptions.defaults().withFaultTolerance(tolerance));
            RemoteCounter counter = counters.create();
            assertThat(tolerance.newestEpoch()).as("replies carry the serving primary's epoch").isEqualTo(1);

            int clients = 4;
            int addsEach = 60;
            AtomicInteger done = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<List<Integer>>> histories = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                histories.add(pool.submit(() -> {
                    List<Integer> seen = new ArrayList<>();
                    for (int i = 0; i < addsEach; i++) {
                        seen.add(counter.add(1));
                        done.incrementAndGet();
                    }
                    return seen;
                }));
            }
            while (done.get() < clients * addsEach / 3) {
                Thread.sleep(5);
            }
            GRID.undeploy("/ft-a"); // the primary goes away mid-load

            List<Integer> values = new ArrayList<>();
            for (Future<List<Integer>> history : histories) {
                values.addAll(history.get(60, TimeUnit.SECONDS)); // no client saw an error
            }
            pool.shutdown();

            // every add returned a distinct value 1..N: none lost, none executed twice
            assertThat(values).hasSize(clients * addsEach).doesNotHaveDuplicates()
                    .allSatisfy(v -> assertThat(v).isBetween(1, clients * addsEach));
            assertThat(counter.value()).isEqualTo(clients * addsEach);
            assertThat(tolerance.primary()).isEqualTo(SharedGrid.base("/ft-b"));
            assertThat(tolerance.resubmissions()).isPositive();
            assertThat(tolerance.newestEpoch()).isEqualTo(2);
        } finally {
            undeployIfThere("/ft-a");
            undeployIfThere("/ft-b");
        }
    }

    private static void undeployIfThere(String path) {
        try {
            GRID.undeploy(path);
        } catch (IllegalArgumentException alreadyGone) {
            // the test took it down itself
        }
    }
}
