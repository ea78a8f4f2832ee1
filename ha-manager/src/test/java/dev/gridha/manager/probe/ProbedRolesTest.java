package dev.gridha.manager.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.gridha.probe.ProbeReading;
import dev.gridha.probe.ReplicaRole;

class ProbedRolesTest {

    private final Map<String, List<ReplicaRole>> reported = new HashMap<>();
    private final ProbedRoles roles = new ProbedRoles(Map.of("a", probe("a"), "b", probe("b"), "down", () -> {
        throw new ProbeException("probe not reached");
    }));

    private Probe probe(String id) {
        return () -> new ProbeReading(0, 1, 1, 100, 0, 0, 1, 1, 0, 0, reported.getOrDefault(id, List.of()));
    }

    @Test
    void aContainerIsThePrimaryOnlyWhenEveryGroupItHostsSaysSo() {
        reported.put("a", List.of(new ReplicaRole("counter", "PRIMARY", 1), new ReplicaRole("matchmaker", "PRIMARY", 1)));
        reported.put("b", List.of(new ReplicaRole("counter", "PRIMARY", 1), new ReplicaRole("matchmaker", "BACKUP", 0)));

        assertThat(roles.primary("a")).isTrue();
        assertThat(roles.primary("b")).as("primary of one group only").isFalse();
        assertThat(roles.primary("down")).isFalse();
        assertThat(roles.primary("unknown")).isFalse();
    }

    @Test
    void aBackupCanTakeOverWhenItBacksEveryGroupOfThePrimaryAndThePrimaryHasABackupInViewInEach() {
        reported.put("a", List.of(new ReplicaRole("counter", "PRIMARY", 1), new ReplicaRole("matchmaker", "PRIMARY", 1)));
        reported.put("b", List.of(new ReplicaRole("counter", "BACKUP", 0), new ReplicaRole("matchmaker", "BACKUP", 0)));
        assertThat(roles.backupOf("b", "a")).isTrue();
        assertThat(roles.backupOf("a", "b")).isFalse();

        reported.put("a", List.of(new ReplicaRole("counter", "PRIMARY", 1), new ReplicaRole("matchmaker", "PRIMARY", 0)));
        assertThat(roles.backupOf("b", "a")).as("not yet in the matchmaker primary's view").isFalse();

        reported.put("a", List.of(new ReplicaRole("counter", "PRIMARY", 1)));
        reported.put("b", List.of(new ReplicaRole("matchmaker", "BACKUP", 0)));
        assertThat(roles.backupOf("b", "a")).as("not a backup of counter").isFalse();
        assertThat(roles.backupOf("down", "a")).isFalse();
        assertThat(roles.backupOf("b", "down")).isFalse();
    }
}
