package dev.gridha.manager.rejuvenation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.gridha.manager.balancer.BackendPool;
import dev.gridha.manager.balancer.BackendState;
import dev.gridha.manager.balancer.PoolBalancer;
import dev.gridha.manager.events.EventLog;
import dev.gridha.manager.events.ManagerEvent;

/** The coordinator when each standby is the serving container's backup ({@code takeOverWithBackups}). */
class BackupTakeoverTest {

    private final PoolBalancer balancer = new PoolBalancer();
    private final Set<String> ready = new HashSet<>(Set.of("old", "standby"));
    /** The replica group as its members report it: each container's role; the primary's backups in view. */
    private final Map<String, String> role = new HashMap<>(Map.of("old", "PRIMARY", "standby", "BACKUP"));
    private final Set<String> inView = new HashSet<>(Set.of("standby"));
    private final List<String> actions = new ArrayList<>();
    private final EventLog events = new EventLog(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), 100);
    private final List<Runnable> meanwhile = new ArrayList<>();
    private long now;

    private final Waiting waiting = (condition, limit) -> {
        if (!condition.getAsBoolean() && !meanwhile.isEmpty()) {
            meanwhile.remove(0).run();
        }
        now += Math.min(limit.toNanos(), 1_000_000_000L);
        return condition.getAsBoolean();
    };

    private final ReplicaRoles roles = new ReplicaRoles() {
        @Override
        public boolean primary(String container) {
            return "PRIMARY".equals(role.get(container));
        }

        @Override
        public boolean backupOf(String container, String primary) {
            return primary(primary) && "BACKUP".equals(role.get(container)) && inView.contains(container);
        }
    };

    /** Stopping a primary makes its group promote the backup; the restarted container rejoins a moment later. */
    private RejuvenationAction action = container -> {
        actions.add(container + " " + state(container) + " in flight " + balancer.inFlight(container)
                + "; standby " + state("standby"));
        stop(container);
        meanwhile.add(() -> rejoin(container));
    };

    BackupTakeoverTest() {
        balancer.add("old", URI.create("http://127.0.0.1:8081"));
        balancer.add("standby", URI.create("http://127.0.0.1:8082"));
        balancer.activate("old");
    }

    private void stop(String container) {
        ready.remove(container);
        role.remove(container);
        inView.remove(container);
        role.replaceAll((id, r) -> "PRIMARY"); // the group's only member left is promoted
    }

    private void rejoin(String container) {
        ready.add(container);
        role.put(container, "BACKUP");
        inView.add(container);
    }

    private RejuvenationCoordinator coordinator() {
        RejuvenationCoordinator coordinator = new RejuvenationCoordinator(balancer, ready::contains, action, waiting,
                events, new RejuvenationCoordinator.Limits(Duration.ofSeconds(30), Duration.ofSeconds(60),
                Duration.ofSeconds(20)), () -> now);
        coordinator.takeOverWithBackups(roles);
        return coordinator;
    }

    @Test
    void theOldPrimaryIsDrainedAndStoppedBeforeItsBackupServesAndRejoinsAsTheNextStandby() throws Exception {
        BackendPool.Lease inFlight = balancer.leases().acquire().orElseThrow();
        meanwhile.add(() -> inFlight.release(true));

        RejuvenationOutcome outcome = coordinator().rejuvenate("old", "heap at 52%");

        // nothing was sent to the backup before it was the primary: it would have refused the requests
        assertThat(actions).containsExactly("old DOWN in flight 0; standby STANDBY");
        assertThat(outcome.result()).isEqualTo(RejuvenationOutcome.Result.DONE);
        assertThat(outcome.cutRequests()).isZero();
        assertThat(state("standby")).isEqualTo(BackendState.ACTIVE);
        assertThat(state("old")).isEqualTo(BackendState.STANDBY);
        assertThat(role).containsEntry("standby", "PRIMARY").containsEntry("old", "BACKUP");
        assertThat(events.recent()).extracting(ManagerEvent::kind)
                .containsExactly("rejuvenation", "takeover", "rejuvenated");
        assertThat(events.recent().get(0).text()).contains("standby, its backup, takes over");

        // and back the other way
        assertThat(coordinator().rejuvenate("standby", "again").result()).isEqualTo(RejuvenationOutcome.Result.DONE);
        assertThat(state("old")).isEqualTo(BackendState.ACTIVE);
        assertThat(role).containsEntry("old", "PRIMARY").containsEntry("standby", "BACKUP");
    }

    @Test
    void aStandbyThatIsNotACaughtUpBackupAbandonsTheRejuvenation() throws Exception {
        inView.remove("standby"); // still catching up: taking over now would lose updates

        RejuvenationOutcome outcome = coordinator().rejuvenate("old", "forecast");

        assertThat(outcome.result()).isEqualTo(RejuvenationOutcome.Result.ABANDONED);
        assertThat(actions).isEmpty();
        assertThat(state("old")).isEqualTo(BackendState.ACTIVE);
        assertThat(events.recent().get(0).text()).contains("not a caught-up backup of old");
    }

    @Test
    void anOldPrimaryThatDidNotStopServesAgainWhenItsBackupIsNotPromoted() throws Exception {
        action = container -> {
            throw new RejuvenationException("cannot stop " + container);
        };

        RejuvenationOutcome outcome = coordinator().rejuvenate("old", "forecast");

        assertThat(outcome.result()).isEqualTo(RejuvenationOutcome.Result.ABANDONED);
        assertThat(outcome.reason()).contains("old is still the primary: it serves again");
        assertThat(state("old")).isEqualTo(BackendState.ACTIVE);
        assertThat(state("standby")).isEqualTo(BackendState.STANDBY);
    }

    @Test
    void aRejuvenatedContainerThatDoesNotRejoinAsACaughtUpBackupStaysOutOfTheBalancer() throws Exception {
        action = container -> {
            stop(container);
            meanwhile.add(() -> ready.add(container)); // answers, but never rejoins its group
        };

        RejuvenationOutcome outcome = coordinator().rejuvenate("old", "forecast");

        assertThat(outcome.result()).isEqualTo(RejuvenationOutcome.Result.NOT_BACK);
        assertThat(outcome.reason()).contains("not ready as a caught-up backup 60.0 s after the restart");
        assertThat(state("standby")).isEqualTo(BackendState.ACTIVE);
        assertThat(state("old")).isEqualTo(BackendState.DOWN);
    }

    @Test
    void aDeadPrimarysRequestsWaitUntilItsGroupHasPromotedTheStandby() throws Exception {
        List<String> seenWhilePromoting = new ArrayList<>();
        ready.remove("old");
        role.remove("old");
        meanwhile.add(() -> {
            seenWhilePromoting.add("old " + state("old") + ", standby " + state("standby"));
            role.put("standby", "PRIMARY"); // the dead one's session lapsed
        });
        action = container -> meanwhile.add(() -> rejoin(container));

        RejuvenationOutcome outcome = coordinator().recover("old");

        assertThat(seenWhilePromoting).containsExactly("old DOWN, standby STANDBY");
        assertThat(outcome.result()).isEqualTo(RejuvenationOutcome.Result.DONE);
        assertThat(state("standby")).isEqualTo(BackendState.ACTIVE);
        assertThat(state("old")).isEqualTo(BackendState.STANDBY);
        assertThat(events.recent()).extracting(ManagerEvent::kind).containsExactly("crash", "recovered");
        assertThat(events.recent().get(0).text()).contains("new requests go to standby");
    }

    private BackendState state(String id) {
        return balancer.backends().stream().filter(b -> b.id().equals(id)).findFirst().orElseThrow().state();
    }
}
