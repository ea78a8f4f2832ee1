package dev.gridha.manager.rejuvenation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.gridha.manager.balancer.BackendPool;
import dev.gridha.manager.balancer.BackendState;
import dev.gridha.manager.balancer.PoolBalancer;
import dev.gridha.manager.events.EventLog;
import dev.gridha.manager.events.ManagerEvent;

class RejuvenationCoordinatorTest {

    private final PoolBalancer balancer = new PoolBalancer();
    private final Set<String> ready = new HashSet<>(Set.of("old", "standby"));
    private final List<String> actions = new ArrayList<>();
    private final EventLog events = new EventLog(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), 100);
    /** What happens while the coordinator waits (one step per wait), standing in for time passing. */
    private final List<Runnable> meanwhile = new ArrayList<>();
    private final List<Duration> waitedUpTo = new ArrayList<>();
    private long now;

    private final Waiting waiting = (condition, limit) -> {
        waitedUpTo.add(limit);
        if (!condition.getAsBoolean() && !meanwhile.isEmpty()) {
            meanwhile.remove(0).run();
        }
        now += Math.min(limit.toNanos(), 1_000_000_000L);
        return condition.getAsBoolean();
    };

    private RejuvenationAction action = container -> {
        // what the coordinator guarantees when it rejuvenates: nothing in flight there, nothing sent there
        actions.add(container + " " + state(container) + " in flight " + balancer.inFlight(container));
        ready.remove(container); // restarting
        meanwhile.add(() -> ready.add(container));
    };

    RejuvenationCoordinatorTest() {
        balancer.add("old", URI.create("http://127.0.0.1:8081"));
        balancer.add("standby", URI.create("http://127.0.0.1:8082"));
        balancer.activate("old");
    }

    private RejuvenationCoordinator coordinator() {
        return new RejuvenationCoordinator(balancer, ready::contains, action, waiting, events,
                new RejuvenationCoordinator.Limits(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(20)), () -> now);
    }

    @Test
    void theStandbyTakesNewRequestsTheOldFinishesItsOwnIsRestartedAndBecomesTheStandby() throws Exception {
        BackendPool.Lease inFlight = balancer.leases().acquire().orElseThrow();
        meanwhile.add(() -> inFlight.release(true)); // it answers while the coordinator waits

        RejuvenationOutcome outcome = coordinator().rejuvenate("old", "heap at 52%");

        assertThat(outcome.result()).isEqualTo(RejuvenationOutcome.Result.DONE);
        assertThat(outcome.standby()).isEqualTo("standby");
        assertThat(outcome.cutRequests()).isZero();
        assertThat(actions).containsExactly("old DOWN in flight 0");
        assertThat(state("standby")).isEqualTo(BackendState.ACTIVE);
        assertThat(state("old")).isEqualTo(BackendState.STANDBY);
        assertThat(balancer.backends().get(0).failed()).isZero();
        assertThat(events.recent()).extracting(ManagerEvent::kind).containsExactly("rejuvenation", "rejuvenated");
        assertThat(events.recent().get(1).text()).contains("no request failed");

        // and the next one goes the other way
        assertThat(coordinator().rejuvenate("standby", "again").result()).isEqualTo(RejuvenationOutcome.Result.DONE);
        assertThat(state("old")).isEqualTo(BackendState.ACTIVE);
    }

    @Test
    void theStandbyIsWarmedWhileTheOldContainerStillServesAndThenTakesTheRequests() throws Exception {
        List<String> warmed = new ArrayList<>();
        RejuvenationCoordinator coordinator = coordinator();
        coordinator.warmStandbysWith(container -> warmed.add(container + " warmed while old is " + state("old")
                + " and it is " + state(container)));

        coordinator.rejuvenate("old", "forecast");

        assertThat(warmed).containsExactly("standby warmed while old is ACTIVE and it is STANDBY");
        assertThat(state("standby")).isEqualTo(BackendState.ACTIVE);
    }

    @Test
    void aStandbyThatIsNotReadyAbandonsTheRejuvenationAndTheOldContainerKeepsServing() throws Exception {
        ready.remove("standby");

        RejuvenationOutcome outcome = coordinator().rejuvenate("old", "heap at 52%");

        assertThat(outcome.result()).isEqualTo(RejuvenationOutcome.Result.ABANDONED);
        assertThat(actions).isEmpty();
        assertThat(state("old")).isEqualTo(BackendState.ACTIVE);
        assertThat(state("standby")).isEqualTo(BackendState.STANDBY);
        assertThat(events.recent()).extracting(ManagerEvent::kind).containsExactly("standby-not-ready", "abandoned");
    }

    @Test
    void aContainerThatNeverDrainsIsRejuvenatedAfterTheBoundAndTheEventCountsTheCutRequests() throws Exception {
        balancer.leases().acquire().orElseThrow(); // a request that never ends

        RejuvenationOutcome outcome = coordinator().rejuvenate("old", "forecast");

        assertThat(outcome.result()).isEqualTo(RejuvenationOutcome.Result.DONE);
        assertThat(outcome.cutRequests()).isEqualTo(1);
        assertThat(waitedUpTo.get(0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(actions).containsExactly("old DOWN in flight 1");
        assertThat(events.recent()).extracting(ManagerEvent::kind).contains("drain-timeout");
    }

    @Test
    void anActionThatFailsLeavesTheStandbyServingAndSaysThereIsNoStandby() throws Exception {
        action = container -> {
            throw new RejuvenationException("domain gridha-old does not exist");
        };

        RejuvenationOutcome outcome = coordinator().rejuvenate("old", "forecast");

        assertThat(outcome.result()).isEqualTo(RejuvenationOutcome.Result.NOT_BACK);
        assertThat(outcome.reason()).contains("domain gridha-old does not exist");
        assertThat(state("standby")).isEqualTo(BackendState.ACTIVE);
        assertThat(state("old")).isEqualTo(BackendState.DOWN);
        assertThat(events.recent().get(events.recent().size() - 1).text()).contains("no standby behind it");
    }

    @Test
    void aContainerThatDoesNotComeBackStaysOutOfTheBalancer() throws Exception {
        action = container -> ready.remove(container); // restarted, never ready again

        RejuvenationOutcome outcome = coordinator().rejuvenate("old", "forecast");

        assertThat(outcome.result()).isEqualTo(RejuvenationOutcome.Result.NOT_BACK);
        assertThat(outcome.reason()).contains("not ready 60.0 s after the restart");
        assertThat(state("old")).isEqualTo(BackendState.DOWN);
    }

    @Test
    void aContainerThatIsNotServingIsNotRejuvenated() throws Exception {
        assertThat(coordinator().rejuvenate("standby", "by hand").result())
                .isEqualTo(RejuvenationOutcome.Result.ABANDONED);
        assertThat(coordinator().rejuvenate("nobody", "by hand").reason()).contains("nobody is not serving (unknown)");
        assertThat(actions).isEmpty();
    }

    @Test
    void aServingContainerFoundDeadHandsNewRequestsToTheStandbyAtOnceAndIsRestartedAsTheStandby() throws Exception {
        balancer.leases().acquire().orElseThrow(); // lost with it
        action = container -> {
            actions.add(container + " " + state(container) + ", standby " + state("standby"));
            meanwhile.add(() -> ready.add(container));
        };
        ready.remove("old");

        RejuvenationOutcome outcome = coordinator().recover("old");

        assertThat(actions).containsExactly("old DOWN, standby ACTIVE");
        assertThat(outcome.result()).isEqualTo(RejuvenationOutcome.Result.DONE);
        assertThat(outcome.cutRequests()).isEqualTo(1);
        assertThat(state("old")).isEqualTo(BackendState.STANDBY);
        assertThat(events.recent()).extracting(ManagerEvent::kind).containsExactly("crash", "recovered");
    }

    @Test
    void withNoStandbyReadyTheDeadContainerIsRestartedAndServesAgain() throws Exception {
        ready.remove("standby");
        ready.remove("old");

        RejuvenationOutcome outcome = coordinator().recover("old");

        assertThat(outcome.result()).isEqualTo(RejuvenationOutcome.Result.DONE);
        assertThat(state("old")).isEqualTo(BackendState.ACTIVE);
        assertThat(state("standby")).isEqualTo(BackendState.STANDBY);
        assertThat(events.recent()).extracting(ManagerEvent::kind)
                .containsExactly("standby-not-ready", "crash", "recovered", "serving");
        // a crash is not a clean switch: the event does not claim that no request failed
        assertThat(events.recent().get(2).text()).contains("none was in flight when it was found dead")
                .doesNotContain("no request failed");
        assertThat(events.recent().get(1).text()).contains("nothing serves until it is back");
    }

    private BackendState state(String id) {
        return balancer.backends().stream().filter(b -> b.id().equals(id)).findFirst().orElseThrow().state();
    }
}
