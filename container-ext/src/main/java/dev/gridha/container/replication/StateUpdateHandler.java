package dev.gridha.container.replication;

/**
 * The backup side of state transfer: what a transport calls with each authenticated update.
 *
 * <p>Concurrency: a transport calls the handler from its own threads, one update at a time per primary
 * connection, in the order the primary sent them; updates from different connections may arrive
 * concurrently. The handler should only take the update into its queue and return: the primary is waiting
 * for the acknowledgement before it replies to its client.
 */
@FunctionalInterface
public interface StateUpdateHandler {

    Acknowledgement receive(StateUpdate update);
}
