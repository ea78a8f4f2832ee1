package dev.gridha.container.failover;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who is in a replica group, in order of seniority, and since when: the first member is the primary, the
 * second the senior backup (the next primary, to which the others pre-bind), and so on. The epoch counts
 * the primaries the group has had; every state update and every heartbeat carries it, and a replica refuses
 * anything from an epoch older than its own, which is what fences a deposed primary.
 *
 * <p>The primary owns the view of its epoch: it removes backups that fail and appends backups that have
 * caught up, and announces the result in every heartbeat. Only a failover changes the epoch.
 *
 * @param epoch   the primary's epoch (1 for a group's first primary; 0 means "none yet" to a backup)
 * @param members replica ids, primary first
 */
public record ReplicaView(long epoch, List<String> members) {

    public ReplicaView {
        if (epoch < 1) {
            throw new IllegalArgumentException("epochs start at 1: " + epoch);
        }
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a replica group has at least its primary");
        }
        if (members.stream().distinct().count() != members.size()) {
            throw new IllegalArgumentException("replica ids repeat in " + members);
        }
    }

    /** A new group's first view: epoch 1, {@code members} in order, the first the primary. */
    public static ReplicaView initial(List<String> members) {
        return new ReplicaView(1, members);
    }

    public String primary() {
        return members.get(0);
    }

    /** The backup that takes over if the primary fails; empty for a primary alone. */
    public Optional<String> senior() {
        return members.size() > 1 ? Optional.of(members.get(1)) : Optional.empty();
    }

    public List<String> backups() {
        return members.subList(1, members.size());
    }

    public boolean contains(String replica) {
        return members.contains(replica);
    }

    /**
     * The view after the primary failed: the senior backup is primary, in the next epoch.
     *
     * @throws IllegalStateException if the primary had no backup
     */
    public ReplicaView afterPrimaryFailure() {
        if (members.size() < 2) {
            throw new IllegalStateException("primary " + primary() + " failed with no backup left to take over");
        }
        return new ReplicaView(epoch + 1, members.subList(1, members.size()));
    }

    /** The view without a failed backup; same epoch, as the primary has not changed. */
    public ReplicaView withoutBackup(String backup) {
        if (!backups().contains(backup)) {
            throw new IllegalArgumentException(backup + " is not a backup in " + this);
        }
        List<String> remaining = new ArrayList<>(members);
        remaining.remove(backup);
        return new ReplicaView(epoch, remaining);
    }

    /** The view with a backup that has caught up, as the most junior member. */
    public ReplicaView withBackup(String backup) {
        if (contains(backup)) {
            throw new IllegalArgumentException(backup + " is already in " + this);
        }
        List<String> more = new ArrayList<>(members);
        more.add(backup);
        return new ReplicaView(epoch, more);
    }

    @Override
    public String toString() {
        return "epoch " + epoch + " " + members;
    }
}
