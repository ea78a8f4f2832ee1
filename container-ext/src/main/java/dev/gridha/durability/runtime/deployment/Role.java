package dev.gridha.durability.runtime.deployment;

/** What one deployment of a durable service does in its replica group. */
public enum Role {
    /** Serves requests; no backups (state is still durable by its mechanism, e.g. the database). */
    STANDALONE,
    /** Serves requests and replicates every update to its backups before replying. */
    PRIMARY,
    /** Receives the primary's updates and applies them; serves no requests until promoted. */
    BACKUP,
    /**
     * A primary that learned of a newer epoch (another replica took over): serves nothing; it must be
     * restarted to rejoin its group.
     */
    DEPOSED;

    /** Whether a deployment in this role answers service requests. */
    public boolean serves() {
        return this == STANDALONE || this == PRIMARY;
    }
}
