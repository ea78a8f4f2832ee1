package dev.gridha.container.replication.soap;

import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gridha.container.replication.Acknowledgement;
import dev.gridha.container.replication.StateUpdate;
import dev.gridha.container.replication.StateUpdateHandler;

/**
 * A handler as a transport must call it: one that throws or answers nothing refuses the update, so the
 * primary always gets an acknowledgement it can act on instead of a server fault.
 */
public final class GuardedHandler implements StateUpdateHandler {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedHandler.class);

    private final StateUpdateHandler handler;

    public GuardedHandler(StateUpdateHandler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    @Override
    public Acknowledgement receive(StateUpdate update) {
        try {
            Acknowledgement ack = handler.receive(update);
            return ack != null ? ack
                    : Acknowledgement.rejected(update.sequence(), "handler returned no acknowledgement");
        } catch (RuntimeException e) {
            LOG.error("state update {} could not be taken", update, e);
            return Acknowledgement.rejected(update.sequence(), "backup failed to take the update: " + e);
        }
    }
}
