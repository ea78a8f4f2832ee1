package dev.gridha.launcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gridha.bench.rejuvenation.QueryLoad;
import dev.gridha.client.ClientOptions;
import dev.gridha.client.CounterClient;
import dev.gridha.client.RemoteCounter;
import dev.gridha.client.faulttolerance.FaultTolerance;
import dev.gridha.launcher.embedded.GridWars;
import dev.gridha.launcher.group.ManagedGroup;
import dev.gridha.manager.aging.AgingPolicy;
import dev.gridha.manager.balancer.BackendState;
import dev.gridha.manager.balancer.BackendStatus;
import dev.gridha.manager.events.ManagerEvent;
import dev.gridha.manager.rejuvenation.RejuvenationOutcome;
import dev.gridha.probe.ReplicaRole;

/**
 * {@code up --managed} for real: two container processes with the probe agent, the balancer and the manager.
 * The data service leaks 32 KiB per query (the seed's Axis 1.2.1 leaked per request) in 256 MiB heaps, so under
 * a steady load of queries the serving container passes the seed's 50% within a minute and is rejuvenated
 * without a failed request; then the serving one is SIGKILLed, and the watchdog has the standby take over and
 * the dead one restarted.
 */
class ManagedGroupIT {

    @TempDir
    Path folder;

    @Test
    void anAgingContainerIsRejuvenatedWithoutAFailedRequestAndAKilledOneIsReplaced() throws Exception {
        ManagedGroup.Settings settings = new ManagedGroup.Settings(2, 0, 0, "256m",
                Duration.ofMillis(500), new AgingPolicy(0.5, 6, Duration.ofSeconds(30), 2.0, 2),
                List.of("-Dgridha.dataaccess.leak-bytes-per-request=" + (32 << 10)));
        try (ManagedGroup group = ManagedGroup.start(settings, folder);
             QueryLoad load = QueryLoad.start(URI.create(group.front() + GridWars.DATAACCESS), 1)) {
            try {
                await("a rejuvenation").atMost(Duration.ofSeconds(120)).until(() -> kinds(group).contains("rejuvenated"));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("no rejuvenation within 2 min; load " + load.answered() + " answered, "
                        + load.failed() + " failed (last: " + load.lastFailure() + "); " + views(group), e);
            }
            assertThat(load.answered()).as("requests answered through the rejuvenation").isPositive();
            assertThat(load.failed()).as("requests that failed during the rejuvenation: " + load.lastFailure())
                    .isZero();
            assertThat(group.manager().events().recent().stream().filter(e -> e.kind().equals("rejuvenated"))
                    .findFirst().orElseThrow().text()).contains("no request failed");

            await("no action under way").atMost(Duration.ofSeconds(120)).until(() -> !group.manager().busy());
            String serving = serving(group);
            group.process(serving).destroyForcibly(); // SIGKILL
            await("the dead container replaced").atMost(Duration.ofSeconds(120))
                    .until(() -> kinds(group).contains("recovered") || kinds(group).contains("crash")
                            && !serving(group).equals(serving));
            long answeredBefore = load.answered();
            await("requests served again").atMost(Duration.ofSeconds(30)).until(() -> load.answered()
                    > answeredBefore + 10);
            assertThat(kinds(group)).contains("watchdog", "crash");
            group.manager().events().recent().forEach(event -> System.out.println("ManagedGroupIT: " + event.at()
                    + " " + event.container() + " [" + event.kind() + "] " + event.text()));
            System.out.println("ManagedGroupIT: " + load.answered() + " answered, " + load.failed()
                    + " failed (all after the SIGKILL, before the watchdog's verdict)");
        }
    }

    /**
     * The same rejuvenation with a real HAProxy (Debian's package) as the balancer, driven through its runtime
     * API: the manager's coordinator is neutral to the balancer as it is to the middleware.
     */
    @Test
    void behindHaproxyARejuvenationUnderLoadFailsNoRequest() throws Exception {
        Path haproxy = Path.of("/usr/sbin/haproxy");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(haproxy),
                "HAProxy is not installed (/usr/sbin/haproxy; ./gridha test installs it as root): skipped");
        ManagedGroup.Settings settings = new ManagedGroup.Settings(2, 0, 0, "256m", Duration.ofSeconds(5),
                AgingPolicy.DEFAULT, List.of(), haproxy);
        try (ManagedGroup group = ManagedGroup.start(settings, folder);
             QueryLoad load = QueryLoad.start(URI.create(group.front() + GridWars.DATAACCESS), 2)) {
            await("queries answered through HAProxy").atMost(Duration.ofSeconds(30)).until(() -> load.answered() > 50);
            String before = group.serving();
            group.stopWatching(); // the test rejuvenates by itself, once
            assertThat(group.rejuvenateNow(before).result()).isEqualTo(RejuvenationOutcome.Result.DONE);
            long answered = load.answered();
            await("queries answered after the switch").atMost(Duration.ofSeconds(30))
                    .until(() -> load.answered() > answered + 50);
            assertThat(group.serving()).isNotEqualTo(before);
            assertThat(load.failed()).as("queries that failed (last: " + load.lastFailure() + ")").isZero();
        }
    }

    /**
     * The durable case: the two containers are the primary and backup of the Counter's replica group, so
     * each rejuvenation hands the counter over to the standby, which the group promotes once the old primary
     * stops. A plain client (no fault tolerance) adds through the balancer meanwhile: no call fails (requests
     * wait at the balancer during the handover). Then the serving container is SIGKILLed under a fault-tolerant
     * client: its backup is promoted and serves, the dead one rejoins, and the counter holds every acknowledged
     * add exactly once.
     */
    @Test
    void withReplicatedContainersEachRejuvenationHandsTheStateToTheBackupWithoutAFailedRequest() throws Exception {
        // the test rejuvenates by itself; the manager's loop is there for the crash (its watchdog). A 95% threshold
        // and a 1 s forecast horizon keep the loop from rejuvenating on its own: at a 500 ms period a young
        // replica's start-up growth once looked like a leak to the default 60 s forecast (CI, 2026-12-06)
        ManagedGroup.Settings settings = new ManagedGroup.Settings(2, 0, 0, "256m", Duration.ofMillis(500),
                new AgingPolicy(0.95, 12, Duration.ofSeconds(1), 1.0, 2), List.of()).replicas();
        try (ManagedGroup group = ManagedGroup.start(settings, folder);
             QueryLoad queries = QueryLoad.start(URI.create(group.front() + GridWars.DATAACCESS), 1)) {
            try {
                handOverTwiceThenKillThePrimary(group, queries);
            } finally {
                group.manager().events().recent().forEach(event -> System.out.println("ManagedGroupIT: " + event.at()
                        + " " + event.container() + " [" + event.kind() + "] " + event.text()));
            }
        }
    }

    private static void handOverTwiceThenKillThePrimary(ManagedGroup group, QueryLoad queries) throws Exception {
        URI factory = URI.create(group.front() + GridWars.COUNTER + "/services/counter");
        RemoteCounter counter = new CounterClient(factory, ClientOptions.defaults()).create();
        Adder plain = Adder.start(counter);
        try {
            for (int round = 1; round <= 2; round++) {
                plain.awaitMore(50);
                await("no action under way").atMost(Duration.ofSeconds(120)).until(() -> !group.manager().busy());
                String primary = group.serving();
                assertThat(roles(group, primary)).as("the serving container leads both groups")
                        .containsOnly("PRIMARY");
                group.manager().rejuvenateNow(primary);
                await("rejuvenation " + round).atMost(Duration.ofSeconds(120))
                        .until(() -> !group.manager().busy() || plain.failure() != null);
                assertThat(plain.failure()).as("a call failed during rejuvenation " + round).isNull();
                String next = group.serving();
                assertThat(next).isNotEqualTo(primary);
                assertThat(roles(group, next)).containsOnly("PRIMARY");
                assertThat(roles(group, primary)).as("the old primary rejoined as the backup").containsOnly("BACKUP");
                assertThat(kinds(group)).contains("takeover");
            }
            plain.awaitMore(50);
        } finally {
            plain.stop();
        }
        assertThat(plain.failure()).as("a call failed").isNull();
        assertThat(counter.value()).as("every acknowledged add is in the counter after two handovers")
                .isEqualTo(plain.acknowledged());

        RemoteCounter tolerant = new CounterClient(factory, ClientOptions.defaults().withFaultTolerance(
                FaultTolerance.across(List.of(URI.create(group.front() + GridWars.COUNTER)))))
                .bind(counter.endpointReference());
        Adder resubmitting = Adder.start(tolerant);
        try {
            resubmitting.awaitMore(50);
            String primary = group.serving();
            group.process(primary).destroyForcibly(); // SIGKILL
            await("the dead primary replaced").atMost(Duration.ofSeconds(120))
                    .until(() -> kinds(group).contains("recovered") && !group.manager().busy()
                            || resubmitting.failure() != null);
            resubmitting.awaitMore(50);
            assertThat(group.serving()).isNotEqualTo(primary);
        } finally {
            resubmitting.stop();
        }
        assertThat(resubmitting.failure()).as("a fault-tolerant call failed").isNull();
        assertThat(counter.value()).as("every acknowledged add once, across the crash")
                .isEqualTo(plain.acknowledged() + resubmitting.acknowledged());
        assertThat(queries.answered()).isPositive();
        System.out.println("ManagedGroupIT: data-service queries " + queries.answered() + " answered, "
                + queries.failed() + " failed (at the SIGKILL only: they have no resubmission)");
    }

    /** A client adding 1 to a counter back to back until stopped or a call fails. */
    private static final class Adder {
        private final AtomicInteger acknowledged = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread thread;

        private Adder(RemoteCounter counter) {
            thread = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        counter.add(1);
                        acknowledged.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    failure.set(e);
                }
            }, "ManagedGroupIT-adder");
        }

        static Adder start(RemoteCounter counter) {
            Adder adder = new Adder(counter);
            adder.thread.start();
            return adder;
        }

        void awaitMore(int adds) {
            int before = acknowledged.get();
            await("adds answered").atMost(Duration.ofSeconds(30)).until(() -> acknowledged.get() >= before + adds
                    || failure.get() != null);
        }

        /** Stops after the call under way, which is answered or failed by then. */
        void stop() throws InterruptedException {
            thread.interrupt();
            thread.join(60_000);
        }

        int acknowledged() {
            return acknowledged.get();
        }

        Throwable failure() {
            return failure.get();
        }
    }

    private static List<String> roles(ManagedGroup group, String container) throws Exception {
        return group.probe(container).replicas().stream().map(ReplicaRole::role).toList();
    }

    private static List<String> kinds(ManagedGroup group) {
        return group.manager().events().recent().stream().map(ManagerEvent::kind).toList();
    }

    private static String views(ManagedGroup group) {
        return group.manager().views().stream().map(view -> view.id() + ": " + view.assessment() + ", live heap "
                + (view.reading() == null ? "?" : view.reading().liveHeap() >> 20) + " MiB").toList() + ", events "
                + kinds(group);
    }

    private static String serving(ManagedGroup group) {
        return group.manager().balancer().backends().stream().filter(b -> b.state() == BackendState.ACTIVE)
                .map(BackendStatus::id).findFirst().orElse("none");
    }
}
