package dev.gridha.container.replication.soap;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.xml.ws.WebServiceException;

import org.apache.cxf.Bus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gridha.client.ClientOptions;
import dev.gridha.container.replication.Acknowledgement;
import dev.gridha.container.replication.StateTransfer;
import dev.gridha.container.replication.SerialSender;
import dev.gridha.container.replication.StateTransferException;
import dev.gridha.container.replication.StateUpdate;
import dev.gridha.container.replication.socket.SharedSecret;
import dev.gridha.contracts.replication.ReplicationPortType;

/**
 * The primary's end of the SOAP state transfer to one backup: one signed {@code TransferState} call per
 * update (see {@link SoapStateEndpoint}), whose signed response is the acknowledgement.
 *
 * <p>Calls go out one at a time from one sender thread, in the order {@link #send} was called: that is what
 * keeps the backup's handler seeing updates in sequence order, as its contract promises, without a session.
 * The price is that updates to one backup do not overlap their round trips (the socket transport pipelines
 * them). A caller that stops waiting (a timeout on the future) does not stop the call already on the wire;
 * later updates queue behind it until the HTTP receive timeout.
 *
 * <p>A transport failure (backup unreachable, connection lost, a response that does not verify) fails that
 * update and every one queued after it, and the transfer refuses further sends: the primary must not reply
 * on the strength of a backup that may have missed an update. A refusal by the backup is an ordinary
 * {@link Acknowledgement.Outcome#REJECTED} acknowledgement and leaves the transfer usable.
 */
public final class SoapStateTransfer implements StateTransfer {

    private static final Logger LOG = LoggerFactory.getLogger(SoapStateTransfer.class);

    private final String peer;
    private final ReplicationPortType port;
    private final SerialSender sender;
    private final Set<CompletableFuture<Acknowledgement>> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();

    private SoapStateTransfer(String peer, ReplicationPortType port) {
        this.peer = peer;
        this.port = port;
        this.sender = new SerialSender("gridha-replication-soap-" + peer);
    }

    /**
     * A transfer to the backup endpoint at {@code address}. No call is made yet: a backup that is down
     * fails the first update.
     *
     * @param options the HTTP transport; its receive timeout bounds how long a stalled backup holds the
     *                sender thread
     */
    public static SoapStateTransfer to(Bus bus, String address, SharedSecret secret, ClientOptions options) {
        return new SoapStateTransfer(address,
                ReplicationClients.create(bus, ReplicationPortType.class, address, secret, options));
    }

    @Override
    public CompletableFuture<Acknowledgement> send(StateUpdate update) {
        CompletableFuture<Acknowledgement> future = new CompletableFuture<>();
        if (closed.get()) {
            future.completeExceptionally(closedException());
            return future;
        }
        inFlight.add(future);
        future.whenComplete((ack, error) -> inFlight.remove(future));
        sender.submit(() -> deliver(update, future), future, this::closedException);
        return future;
    }

    private void deliver(StateUpdate update, CompletableFuture<Acknowledgement> future) {
        if (closed.get()) {
            future.completeExceptionally(closedException());
            return;
        }
        try {
            Acknowledgement ack = ReplicationMessages.fromXml(port.transferState(ReplicationMessages.toXml(update)));
            if (ack.sequence() != update.sequence()) {
                fail(new StateTransferException("backup " + peer + " acknowledged update " + ack.sequence()
                        + " for update " + update.sequence()));
                return;
            }
            future.complete(ack);
        } catch (WebServiceException | IllegalArgumentException e) {
            fail(new StateTransferException("sending update " + update.sequence() + " to backup " + peer
                    + " failed: " + StateTransferException.describe(e), e));
        }
    }

    private void fail(StateTransferException cause) {
        if (closed.compareAndSet(false, true)) {
            LOG.warn("{}", cause.getMessage());
            sender.shutdown();
        }
        inFlight.forEach(future -> future.completeExceptionally(cause));
    }

    private StateTransferException closedException() {
        return new StateTransferException("transfer to backup " + peer + " is closed");
    }

    @Override
    public String peer() {
        return peer;
    }

    @Override
    public void close() {
        closed.set(true);
        if (released.compareAndSet(false, true)) {
            sender.shutdownNow();
            ReplicationClients.destroy(port);
        }
        StateTransferException cause = closedException();
        inFlight.forEach(future -> future.completeExceptionally(cause));
    }
}
