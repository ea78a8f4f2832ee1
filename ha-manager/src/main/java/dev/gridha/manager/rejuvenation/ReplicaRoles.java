package dev.gridha.manager.rejuvenation;

/**
 * Where the state of the containers' durable services lives, for a group whose standby is the serving
 * container's backup: the coordinator hands the requests over only to a container the replica group has
 * promoted, and takes a rejuvenated container back as the standby only once it is a caught-up backup again.
 */
public interface ReplicaRoles {

    /** Whether {@code container} is the primary of every replicated group it hosts (and hosts one). */
    boolean primary(String container);

    /**
     * Whether {@code container} is a backup of every group {@code primary} is the primary of, and
     * {@code primary} has a backup in view in each (so, in a group of two, {@code container} could take over
     * now without losing an acknowledged update).
     */
    boolean backupOf(String container, String primary);
}
