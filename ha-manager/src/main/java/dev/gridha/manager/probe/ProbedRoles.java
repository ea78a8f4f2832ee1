package dev.gridha.manager.probe;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.gridha.manager.rejuvenation.ReplicaRoles;
import dev.gridha.probe.ReplicaRole;

/**
 * Replica roles as the containers' probe agents read them from their deployments' JMX status, asked afresh at
 * every question (a role changes the moment a group promotes). A container whose probe does not answer is
 * neither a primary nor a backup.
 */
public final class ProbedRoles implements ReplicaRoles {

    private final Map<String, ? extends Probe> probes;

    public ProbedRoles(Map<String, ? extends Probe> probes) {
        this.probes = Map.copyOf(Objects.requireNonNull(probes, "probes"));
    }

    @Override
    public boolean primary(String container) {
        List<ReplicaRole> roles = roles(container).orElse(List.of());
        return !roles.isEmpty() && roles.stream().allMatch(ReplicaRole::primary);
    }

    @Override
    public boolean backupOf(String container, String primary) {
        List<ReplicaRole> led = roles(primary).orElse(List.of());
        if (led.isEmpty() || !led.stream().allMatch(r -> r.primary() && r.backupsInView() >= 1)) {
            return false;
        }
        List<ReplicaRole> own = roles(container).orElse(List.of());
        return led.stream().allMatch(group -> own.stream()
                .anyMatch(r -> r.group().equals(group.group()) && r.backup()));
    }

    private Optional<List<ReplicaRole>> roles(String container) {
        Probe probe = probes.get(container);
        if (probe == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(probe.read().replicas());
        } catch (ProbeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the waiting that asked stops at its next sleep
            return Optional.empty();
        }
    }
}
