package dev.gridha.container.replication;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The primary's half of primary-backup replication (thesis ch. III): numbers each request's state update,
 * sends it to every backup at once, and returns only when every backup has acknowledged receipt. Updates
 * are numbered and handed to the transports under one lock, so each backup's connection carries them in
 * sequence order and a backup never sees a gap; the wait for acknowledgements happens outside the lock, so
 * concurrent requests overlap their round trips.
 *
 * <p>A primary with no backups replicates nothing and returns at once: it is unreplicated, and says so in
 * {@link #backupCount()}.
 */
public final class PrimaryReplicator implements AutoCloseable {

    /** How the failure of a backup that refused an update begins. */
    static final String REFUSED = "refused: ";

    private final String group;
    private final long epoch;
    private final List<StateTransfer> backups;  // changed only under sendLock
    private final Duration acknowledgementTimeout;
    private final Object sendLock = new Object();
    private long lastSequence;

    /**
     * @param group                  the replica group's name, carried in every update
     * @param epoch                  this primary's epoch; backups refuse updates from older epochs
     * @param backups                one transport per backup
     * @param acknowledgementTimeout how long to wait for the slowest backup before failing the request
     * @param lastSequence           the sequence number of the last update already replicated (0 for a new group)
     */
    public PrimaryReplicator(String group, long epoch, List<StateTransfer> backups, Duration acknowledgementTimeout,
                             long lastSequence) {
        this.group = Objects.requireNonNull(group, "group");
        this.epoch = epoch;
        this.backups = new ArrayList<>(backups);
        if (acknowledgementTimeout.isNegative() || acknowledgementTimeout.isZero()) {
            throw new IllegalArgumentException("acknowledgement timeout must be positive");
        }
        this.acknowledgementTimeout = acknowledgementTimeout;
        this.lastSequence = lastSequence;
    }

    /** This primary's epoch, carried in every update. */
    public long epoch() {
        return epoch;
    }

    /** The sequence number of the last update sent to the backups. */
    public long lastSequence() {
        synchronized (sendLock) {
            return lastSequence;
        }
    }

    public int backupCount() {
        synchronized (sendLock) {
            return backups.size();
        }
    }

    /** The backups replicated to, by {@link StateTransfer#peer()}. */
    public List<String> peers() {
        synchronized (sendLock) {
            return backups.stream().map(StateTransfer::peer).toList();
        }
    }

    /** Whether updates go to {@code peer} over a channel not known to be broken. */
    public boolean sendsTo(String peer) {
        synchronized (sendLock) {
            return backups.stream().anyMatch(backup -> backup.peer().equals(peer) && backup.isOpen());
        }
    }

    /**
     * Takes in a joining backup: sends it {@code snapshot} (the whole replicated state as of the last update
     * sent, marked {@link BackupLog#SNAPSHOT}) and from then on every update, in order after it. The caller
     * must make sure no action changes state between taking the snapshot and this call.
     *
     * @param results the request results the joiner must know to answer resubmissions ({@link RequestResults})
     * @return the backup's acknowledgement of the snapshot; on failure {@link #drop} it
     */
    public CompletableFuture<Acknowledgement> addBackup(StateTransfer backup, byte[] snapshot, byte[] results) {
        synchronized (sendLock) {
            StateUpdate update = new StateUpdate(group, epoch, lastSequence, BackupLog.SNAPSHOT, results, snapshot);
            CompletableFuture<Acknowledgement> acknowledgement = sendQuietly(backup, update);
            backups.add(backup);
            return acknowledgement;
        }
    }

    /**
     * Stops replicating to a backup that failed (failover drops it from the group's view): later updates
     * no longer wait for it. Updates already sent to it are unaffected.
     *
     * @return whether it was a backup here
     */
    public boolean drop(String peer) {
        StateTransfer dropped = null;
        synchronized (sendLock) {
            for (StateTransfer backup : backups) {
                if (backup.peer().equals(peer)) {
                    dropped = backup;
                }
            }
            backups.remove(dropped);
        }
        if (dropped != null) {
            dropped.close();
        }
        return dropped != null;
    }

    /**
     * A promoted backup's first act as primary: re-sends {@code tail}, the updates it applied last as a backup
     * ({@link BackupLog#appliedTail()}), to every backup, so one that missed the old primary's last updates
     * gets them instead of refusing this primary's first one. Each keeps its origin epoch, so a backup that
     * holds a different update at one of those sequence numbers refuses it and is re-synchronized.
     *
     * @param tail updates ending at {@link #lastSequence()}, oldest first
     * @return each backup that failed or refused, with what went wrong; the caller drops them
     */
    public Map<String, String> resend(List<StateUpdate> tail) {
        Map<StateTransfer, List<CompletableFuture<Acknowledgement>>> pending = new LinkedHashMap<>();
        synchronized (sendLock) {
            if (!tail.isEmpty() && tail.get(tail.size() - 1).sequence() != lastSequence) {
                throw new IllegalStateException("the updates to re-send end at " + tail.get(tail.size() - 1)
                        .sequence() + ", not at the last sequence " + lastSequence);
            }
            for (StateTransfer backup : backups) {
                List<CompletableFuture<Acknowledgement>> sent = new ArrayList<>();
                for (StateUpdate update : tail) {
                    sent.add(sendQuietly(backup, update.resentIn(epoch)));
                }
                pending.put(backup, sent);
            }
        }
        Map<String, String> failures = new LinkedHashMap<>();
        pending.forEach((backup, sent) -> {
            for (int i = 0; i < sent.size() && !failures.containsKey(backup.peer()); i++) {
                String failure = awaitReceipt(sent.get(i), tail.get(i).sequence());
                if (failure != null) {
                    failures.put(backup.peer(), "re-sent update " + tail.get(i).sequence() + ": " + failure);
                }
            }
        });
        return failures;
    }

    /**
     * Replicates one request's state change and waits until every backup holds it.
     *
     * @return the update's sequence number
     * @throws ReplicationFailedException if any backup refused it, failed, or did not answer in time; the
     *                                    caller must then fail the request rather than reply
     */
    public long replicate(String requestId, byte[] result, byte[] payload) {
        List<CompletableFuture<Acknowledgement>> acknowledgements = new ArrayList<>();
        List<StateTransfer> sentTo;
        long sequence;
        synchronized (sendLock) {
            sequence = ++lastSequence;
            sentTo = List.copyOf(backups);
            StateUpdate update = new StateUpdate(group, epoch, sequence, requestId, result, payload);
            for (StateTransfer backup : sentTo) {
                acknowledgements.add(sendQuietly(backup, update));
            }
        }
        Map<String, String> failures = new LinkedHashMap<>();
        for (int i = 0; i < sentTo.size(); i++) {
            String failure = awaitReceipt(acknowledgements.get(i), sequence);
            if (failure != null) {
                failures.put(sentTo.get(i).peer(), failure);
            }
        }
        if (!failures.isEmpty()) {
            throw new ReplicationFailedException(sequence, failures);
        }
        return sequence;
    }

    private static CompletableFuture<Acknowledgement> sendQuietly(StateTransfer backup, StateUpdate update) {
        try {
            return backup.send(update);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Null when the backup acknowledged receipt of {@code sequence}; else what went wrong. */
    private String awaitReceipt(CompletableFuture<Acknowledgement> pending, long sequence) {
        try {
            // A timed get rather than orTimeout: orTimeout starts the JDK's shared delay thread from
            // whichever webapp calls it first, and Tomcat then reports that webapp as leaking it.
            Acknowledgement ack = pending.get(acknowledgementTimeout.toNanos(), TimeUnit.NANOSECONDS);
            if (ack.sequence() != sequence) {
                return "acknowledged update " + ack.sequence() + " instead of " + sequence;
            }
            return ack.isReceived() ? null : REFUSED + ack.reason();
        } catch (TimeoutException e) {
            pending.completeExceptionally(e); // lets the transport forget the update
            return "no acknowledgement within " + acknowledgementTimeout.toMillis() + " ms";
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return cause.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while waiting for the acknowledgement";
        }
    }

    @Override
    public void close() {
        List<StateTransfer> open;
        synchronized (sendLock) {
            open = List.copyOf(backups);
        }
        open.forEach(StateTransfer::close);
    }
}
