package dev.gridha.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.gridha.manager.aging.AgingPolicy;
import dev.gridha.manager.balancer.BackendState;
import dev.gridha.manager.balancer.PoolBalancer;
import dev.gridha.manager.events.EventLog;
import dev.gridha.manager.events.ManagerEvent;
import dev.gridha.manager.monitor.ContainerMonitor;
import dev.gridha.manager.probe.ProbeException;
import dev.gridha.manager.rejuvenation.RejuvenationCoordinator;
import dev.gridha.probe.ProbeReading;

/** The manager's loop over scripted probes and liveness, driving the real coordinator and balancer logic. */
class HaManagerTest {

    private static final long MAX = 1000;

    private final PoolBalancer balancer = new PoolBalancer();
    private final EventLog events = new EventLog(Clock.systemUTC(), 100);
    /** Each container's live heap the next reading reports (null: the probe does not answer). */
    private final Map<String, Long> heap = new ConcurrentHashMap<>(Map.of("a", 100L, "b", 100L));
    private final Map<String, AtomicLong> uptime = new ConcurrentHashMap<>(Map.of("a", new AtomicLong(), "b",
            new AtomicLong()));
    private final Set<String> alive = ConcurrentHashMap.newKeySet();
    private final List<String> restarts = new CopyOnWriteArrayList<>();
    /** Released to let a restart finish (open from the start unless a test closes it). */
    private volatile java.util.concurrent.CountDownLatch restartDone = new java.util.concurrent.CountDownLatch(0);
    private final HaManager manager;

    HaManagerTest() {
        alive.addAll(Set.of("a", "b"));
        balancer.add("a", URI.create("http://127.0.0.1:8081"));
        balancer.add("b", URI.create("http://127.0.0.1:8082"));
        balancer.activate("a");
        AgingPolicy policy = new AgingPolicy(0.5, 6, Duration.ofSeconds(30), 2.0, 2);
        List<ContainerMonitor> monitors = new ArrayList<>();
        for (String id : List.of("a", "b")) {
            monitors.add(new ContainerMonitor(id, () -> reading(id), alive::contains, policy, 3, events));
        }
        RejuvenationCoordinator coordinator = new RejuvenationCoordinator(balancer, alive::contains, container -> {
            try {
                restartDone.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            restarts.add(container);
            heap.put(container, 100L); // a young JVM
            uptime.get(container).set(0);
            alive.add(container);
        }, (condition, limit) -> condition.getAsBoolean(), events, RejuvenationCoordinator.Limits.DEFAULT,
                System::nanoTime);
        manager = new HaManager(balancer, monitors, coordinator, events);
    }

    @AfterEach
    void stop() {
        manager.close();
    }

    private ProbeReading reading(String id) throws ProbeException {
        Long used = heap.get(id);
        if (used == null) {
            throw new ProbeException("probe of " + id + " not reached");
        }
        return new ProbeReading(0, used, used, MAX, 0, 0, 10, 10, 0.1, uptime.get(id).addAndGet(5000));
    }

    @Test
    void aServingContainerPastTheThresholdForTwoRoundsIsRejuvenatedAndTheStandbyServes() throws Exception {
        manager.tick();
        heap.put("a", 520L);
        manager.tick(); // one round over: not yet
        assertThat(manager.busy()).isFalse();
        heap.put("a", 540L);
        manager.tick();

        await().atMost(Duration.ofSeconds(5)).until(() -> !manager.busy() && restarts.size() == 1);
        assertThat(restarts).containsExactly("a");
        assertThat(state("b")).isEqualTo(BackendState.ACTIVE);
        assertThat(state("a")).isEqualTo(BackendState.STANDBY);
        assertThat(events.recent()).extracting(ManagerEvent::kind).contains("rejuvenation", "rejuvenated");
        manager.tick();
        assertThat(manager.views().get(0).assessment()).startsWith("healthy");
    }

    @Test
    void aStandbyThatStartsServingIsForecastFromItsTrendAsTheServingContainerOnly() throws Exception {
        manager.tick();
        heap.put("a", 520L);
        manager.tick();
        heap.put("a", 540L);
        manager.tick(); // a is rejuvenated on the threshold; b, flat at 100 all along, serves
        await().atMost(Duration.ofSeconds(5)).until(() -> !manager.busy() && restarts.size() == 1);
        assertThat(state("b")).isEqualTo(BackendState.ACTIVE);

        // +80 B a round (16 B/s) as the server: full in ~41 s at 340, within the 60 s horizon; with its flat
        // standby samples still in the window the fitted trend would be half that and the forecast too late
        for (long used : new long[] {180, 260, 340}) {
            heap.put("b", used);
            manager.tick();
            assertThat(manager.busy()).as("not yet at " + used).isFalse();
        }
        heap.put("b", 420L);
        manager.tick();

        await().atMost(Duration.ofSeconds(5)).until(() -> !manager.busy() && restarts.size() == 2);
        assertThat(restarts).containsExactly("a", "b");
        assertThat(events.recent()).filteredOn(event -> event.kind().equals("rejuvenation")
                && event.container().equals("b")).singleElement()
                .satisfies(event -> assertThat(event.text()).contains("forecast"));
    }

    @Test
    void aLeakThatWouldAgeTheStandbyOutBeforeTheRejuvenationEndsIsReportedOnceWithTheDecision() throws Exception {
        manager.tick();
        heap.put("a", 520L); // +84 B/s in a 1000 B heap: a fresh one fills in ~12 s, a rejuvenation takes 30 s
        manager.tick();
        assertThat(events.recent()).extracting(ManagerEvent::kind).as("not before it is judged aging")
                .doesNotContain("outpaced");
        heap.put("a", 540L);
        manager.tick();
        await().atMost(Duration.ofSeconds(5)).until(() -> !manager.busy() && restarts.size() == 1);

        assertThat(events.recent()).filteredOn(event -> event.kind().equals("outpaced")).singleElement()
                .satisfies(event -> assertThat(event.text()).contains("sooner than the 30 s a rejuvenation takes"));
    }

    @Test
    void aSlowLeakPastTheThresholdIsRejuvenatedWithoutAnOutpacingReport() throws Exception {
        for (long used = 480; used <= 510; used += 10) { // +2 B/s: a fresh 1000 B heap lasts 500 s
            heap.put("a", used);
            manager.tick(); // past the threshold at 500 and 510: aging, with a trend over four samples
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !manager.busy() && restarts.size() == 1);

        assertThat(events.recent()).extracting(ManagerEvent::kind).contains("rejuvenated").doesNotContain("outpaced");
    }

    @Test
    void anOperatorCanRejuvenateTheServingContainerButNotTheStandbyNorDuringAnAction() throws Exception {
        assertThatThrownBy(() -> manager.rejuvenateNow("z")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no container z");
        assertThatThrownBy(() -> manager.rejuvenateNow("b")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("b is not serving");

        restartDone = new java.util.concurrent.CountDownLatch(1);
        assertThat(manager.rejuvenateNow("a")).isEqualTo("rejuvenation of a started");
        assertThatThrownBy(() -> manager.rejuvenateNow("b")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("under way");
        restartDone.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> !manager.busy() && restarts.size() == 1);

        assertThat(restarts).containsExactly("a");
        assertThat(state("b")).isEqualTo(BackendState.ACTIVE);
        assertThat(events.recent()).extracting(ManagerEvent::kind).containsSubsequence("asked", "rejuvenation",
                "rejuvenated");
    }

    @Test
    void theContainerBeingRestartedIsSilentWithoutBeingJudgedDeadOrReported() throws Exception {
        restartDone = new java.util.concurrent.CountDownLatch(1);
        manager.tick();
        heap.put("a", 520L);
        manager.tick();
        heap.put("a", 540L);
        manager.tick(); // the rejuvenation starts; its restart waits
        assertThat(manager.busy()).isTrue();
        alive.remove("a");
        heap.remove("a");
        for (int i = 0; i < 5; i++) {
            manager.tick();
        }
        assertThat(events.recent()).extracting(ManagerEvent::kind).doesNotContain("watchdog", "probe-silent", "crash");

        restartDone.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> !manager.busy());
        assertThat(events.recent()).extracting(ManagerEvent::kind).contains("rejuvenated");
    }

    @Test
    void aStandbyPastTheThresholdIsLeftAloneItServesNoOne() throws Exception {
        heap.put("b", 900L);
        for (int i = 0; i < 4; i++) {
            manager.tick();
        }
        assertThat(manager.busy()).isFalse();
        assertThat(restarts).isEmpty();
    }

    @Test
    void theServingContainerSilentForThreeChecksIsRecoveredBehindTheStandby() throws Exception {
        manager.tick();
        alive.remove("a");
        heap.remove("a");
        manager.tick();
        manager.tick();
        assertThat(manager.busy()).isFalse();
        manager.tick(); // the third failed check in a row

        await().atMost(Duration.ofSeconds(5)).until(() -> !manager.busy() && restarts.size() == 1);
        assertThat(state("b")).isEqualTo(BackendState.ACTIVE);
        assertThat(state("a")).isEqualTo(BackendState.STANDBY);
        assertThat(events.recent()).extracting(ManagerEvent::kind)
                .containsSubsequence("probe-silent", "watchdog", "crash", "recovered");
        assertThat(events.recent()).extracting(ManagerEvent::kind).filteredOn("probe-silent"::equals).hasSize(1);
    }

    @Test
    void aContainerRestartedBehindTheManagersBackStartsANewAgingHistory() throws Exception {
        manager.tick();
        manager.tick();
        uptime.get("a").set(0);
        manager.tick();
        assertThat(events.recent()).extracting(ManagerEvent::kind).contains("restarted");
        assertThat(manager.views().get(0).probeAnswered()).isTrue();
    }

    private BackendState state(String id) {
        return balancer.backends().stream().filter(b -> b.id().equals(id)).findFirst().orElseThrow().state();
    }
}
