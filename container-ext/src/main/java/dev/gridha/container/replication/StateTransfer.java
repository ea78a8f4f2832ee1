package dev.gridha.container.replication;

import java.util.concurrent.CompletableFuture;

/**
 * The primary side of state transfer to one backup, whatever carries it (a socket, a SOAP call,
 * WS-Notification). Implementations authenticate the backup, so an acknowledgement can only come from a
 * peer holding the replication credentials.
 */
public interface StateTransfer extends AutoCloseable {

    /**
     * Sends an update. The future completes with the backup's acknowledgement, or exceptionally with a
     * {@link StateTransferException} if the backup cannot be reached or its answer cannot be trusted; the
     * caller bounds the wait (a backup that never answers must not hold a reply forever).
     */
    CompletableFuture<Acknowledgement> send(StateUpdate update);

    /** Where the backup is, for messages. */
    String peer();

    /**
     * Whether this channel may still carry updates: false once it is known broken (a socket whose backup
     * process died reads end-of-stream at once). Transports without a standing connection say true.
     */
    default boolean isOpen() {
        return true;
    }

    @Override
    void close();
}
