package dev.gridha.container.chaos;

/**
 * The points of a primary's request protocol where a crash leaves a different trace, and so where the chaos
 * tests stop a primary ({@link ChaosPoints}). Each is passed only by a primary serving a request of a durable
 * service while it replicates to at least one backup.
 */
public enum ProtocolStep {
    /**
     * A fault-tolerant client's request has been read, decoded and checked (CXF phase {@code PRE_INVOKE}), and
     * nothing of it has run: a crash here loses a request that no replica has seen executed.
     */
    BEFORE_EXECUTION,
    /**
     * The request has executed and its action is committing: its state update and result are encoded, and
     * nothing has been sent to the backups yet ({@code ReplicatingCommitter}, before
     * {@code PrimaryReplicator.replicate}). A crash here loses an execution that no one acknowledged.
     */
    BEFORE_STATE_UPDATE,
    /**
     * Every backup has acknowledged the update ({@code PrimaryReplicator.replicate} returned) and the reply
     * has not been written: the backups hold a result the client never got, which a resubmission must
     * receive instead of a second execution.
     */
    BEFORE_REPLY,
    /**
     * The reply to a request that changed state is being written: its first bytes (and the HTTP headers)
     * have been flushed to the client, the rest never comes. The client sees a reply cut off mid-way.
     */
    DURING_REPLY
}
