package dev.gridha.container.replication;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The backup's half of primary-backup replication: takes state updates as they arrive, acknowledges
 * receipt at once (the thesis lets a backup apply after acknowledging, which keeps the primary's wait to
 * one network round trip), and applies them strictly in sequence order when asked. Before a backup becomes
 * primary it must {@link #applyReady() apply} everything received, so no acknowledged update is lost.
 *
 * <p>It also keeps each applied request's result by request id, so that after a failover a resubmitted
 * request is answered with its original result instead of running twice. That table holds the most recent
 * {@code resultCapacity} requests; issue 4 bounds it by each client's acknowledgement window instead.
 *
 * <p>When a primary dies, its backups may hold different prefixes of its updates: it sent each one to all of
 * them at once, and the last few (never acknowledged to a client: one backup lacked them) reached some and not
 * others. A promoted backup therefore re-sends its {@link #appliedTail() most recent updates} before its own,
 * and each update names the epoch that created it ({@link StateUpdate#origin()}): a backup acknowledges a
 * re-sent update it holds with the same origin, takes one it lacks, replaces one it holds with another origin
 * while it has not applied it yet, and refuses otherwise, so it is re-synchronized from a snapshot instead of
 * following with state that differs from its primary's.
 *
 * <p>Thread-safe; every method is atomic with respect to the others. Pure: no threads or clocks.
 */
public final class BackupLog implements StateUpdateHandler {

    /** The request id that marks a joining backup's snapshot: the whole state as of its sequence number. */
    public static final String SNAPSHOT = "gridha:snapshot";

    /** How a refusal for an older epoch begins: the sender has been replaced as primary. */
    public static final String STALE_EPOCH = "stale epoch";

    /**
     * How many applied updates a backup keeps to re-send if it is promoted: more than a primary can have in
     * flight at once (a request thread each), which bounds how far its backups' prefixes can differ.
     */
    public static final int TAIL_UPDATES = 512;
    /** The most bytes of payload and result the kept updates may hold; the oldest go first. */
    public static final long TAIL_BYTES = 8L << 20;
    /** How many applied updates' origin epochs a backup remembers to check re-sent ones against. */
    static final int ORIGINS_KEPT = 8 * TAIL_UPDATES;

    private final String group;
    private final StateApplier applier;
    private final int resultCapacity;
    private final TreeMap<Long, StateUpdate> received = new TreeMap<>();
    private final Map<String, byte[]> results;
    /** The most recently applied updates, oldest first: what this backup re-sends once promoted. */
    private final ArrayDeque<StateUpdate> tail = new ArrayDeque<>();
    private long tailBytes;
    /** The origin epoch of each recently applied update, by sequence number. */
    private final TreeMap<Long, Long> origins = new TreeMap<>();
    /** The sequence number through which this backup's state came whole (a snapshot, or its start). */
    private long wholeThrough;
    private long epoch;
    /** The epoch of a primary whose updates differ from what this backup applied: none taken until a snapshot. */
    private long divergedIn = -1;
    /** Set by {@link #fence}: the next update comes from a new primary and must continue the sequence. */
    private boolean newPrimaryDue;
    private long lastApplied;

    /**
     * @param group          the replica group this backup belongs to; updates for another group are refused
     * @param lastApplied    the sequence number the backup's state already reflects (0 for a new backup)
     * @param applier        applies updates to the state objects
     * @param resultCapacity how many request results to keep for duplicate detection
     */
    public BackupLog(String group, long lastApplied, StateApplier applier, int resultCapacity) {
        this.group = Objects.requireNonNull(group, "group");
        this.lastApplied = lastApplied;
        this.wholeThrough = lastApplied;
        this.applier = Objects.requireNonNull(applier, "applier");
        if (resultCapacity < 1) {
            throw new IllegalArgumentException("result capacity must be at least 1");
        }
        this.resultCapacity = resultCapacity;
        this.results = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > BackupLog.this.resultCapacity;
            }
        };
    }

    @Override
    public synchronized Acknowledgement receive(StateUpdate update) {
        if (!group.equals(update.group())) {
            return Acknowledgement.rejected(update.sequence(), "this backup serves group " + group + ", not "
                    + update.group());
        }
        if (SNAPSHOT.equals(update.requestId()) && update.epoch() >= epoch) {
            // A joining backup's start: everything held before is replaced by the primary's whole state, and
            // the updates after it continue from its sequence number.
            received.clear();
            applier.install(update);
            results.putAll(RequestResults.decode(update.result()));
            lastApplied = update.sequence();
            wholeThrough = lastApplied;
            tail.clear();
            tailBytes = 0;
            origins.clear();
            divergedIn = -1;
            epoch = update.epoch();
            newPrimaryDue = false;
            return Acknowledgement.received(update.sequence());
        }
        if (update.epoch() < epoch) {
            return Acknowledgement.rejected(update.sequence(), STALE_EPOCH + " " + update.epoch() + " < " + epoch
                    + ": the sender is no longer primary");
        }
        if (update.epoch() == divergedIn) {
            return Acknowledgement.rejected(update.sequence(), "this backup's state differs from the primary of"
                    + " epoch " + divergedIn + "'s: it must be re-synchronized before it can follow");
        }
        if (update.sequence() <= highestHeld()) {
            return receiveHeldSequence(update);
        }
        boolean fromNewPrimary = update.epoch() > epoch && epoch > 0 || newPrimaryDue;
        if (fromNewPrimary && update.sequence() != highestHeld() + 1) {
            // A new primary (a restarted one, or a promoted backup) must continue this backup's sequence;
            // otherwise its updates would be acknowledged here and silently never applied.
            return Acknowledgement.rejected(update.sequence(), "the primary of epoch " + update.epoch()
                    + " starts at sequence " + update.sequence() + ", but this backup holds the previous primary's"
                    + " updates through " + highestHeld() + ": it must be re-synchronized before it can follow");
        }
        return take(update);
    }

    /**
     * An update at a sequence number this backup holds already, or at one it lacks behind later ones (taken): the
     * primary re-sends it after a reconnect, or a new primary re-sends its tail. Acknowledged when it is the same
     * update; taken in place of the one held
     * when that one came from another primary and is not applied yet (its primary never had it acknowledged by
     * every backup, so it answered no client); refused otherwise.
     */
    private Acknowledgement receiveHeldSequence(StateUpdate update) {
        long sequence = update.sequence();
        OptionalLong heldOrigin = originOf(sequence);
        if (heldOrigin.isEmpty() && sequence > lastApplied) {
            return take(update); // it fills a gap
        }
        if (heldOrigin.isPresent() ? heldOrigin.getAsLong() == update.origin() : sequence <= wholeThrough) {
            // the same update, or one inside the state this backup received whole
            epoch = update.epoch();
            newPrimaryDue = false;
            return Acknowledgement.received(sequence);
        }
        if (heldOrigin.isPresent() && sequence > lastApplied) {
            received.tailMap(sequence, true).clear(); // the later ones follow the update replaced
            return take(update);
        }
        divergedIn = update.epoch();
        return Acknowledgement.rejected(sequence, "this backup " + (heldOrigin.isPresent() ? "applied the update"
                + " of epoch " + heldOrigin.getAsLong() + " at sequence " + sequence + ", the primary of epoch "
                + update.epoch() + " holds the one of epoch " + update.origin() : "no longer knows which update it"
                + " applied at sequence " + sequence) + ": it must be re-synchronized before it can follow");
    }

    private Acknowledgement take(StateUpdate update) {
        epoch = update.epoch();
        newPrimaryDue = false;
        received.put(update.sequence(), update);
        return Acknowledgement.received(update.sequence());
    }

    /** The origin epoch of the update this backup holds or applied at {@code sequence}, if it knows it. */
    private OptionalLong originOf(long sequence) {
        StateUpdate held = received.get(sequence);
        if (held != null) {
            return OptionalLong.of(held.origin());
        }
        Long origin = origins.get(sequence);
        return origin == null ? OptionalLong.empty() : OptionalLong.of(origin);
    }

    private long highestHeld() {
        return received.isEmpty() ? lastApplied : Math.max(lastApplied, received.lastKey());
    }

    /**
     * Applies every received update that follows the last applied one without a gap.
     *
     * @return how many were applied
     */
    public synchronized int applyReady() {
        int applied = 0;
        while (!received.isEmpty() && received.firstKey() == lastApplied + 1) {
            StateUpdate update = received.pollFirstEntry().getValue();
            applier.apply(update);
            lastApplied = update.sequence();
            if (update.requestId() != null) {
                results.put(update.requestId(), update.result());
            }
            remember(update);
            applied++;
        }
        return applied;
    }

    private void remember(StateUpdate update) {
        origins.put(update.sequence(), update.origin());
        if (origins.size() > ORIGINS_KEPT) {
            origins.pollFirstEntry(); // a re-sent update this old is refused: the backup is re-synchronized
        }
        tail.addLast(update);
        tailBytes += weight(update);
        while (tail.size() > TAIL_UPDATES || tailBytes > TAIL_BYTES) {
            tailBytes -= weight(tail.removeFirst());
        }
    }

    private static long weight(StateUpdate update) {
        return (long) update.payload().length + update.result().length;
    }

    /**
     * The most recently applied updates, oldest first and without a gap, ending at {@link #lastApplied()}:
     * what a promoted backup re-sends, so a backup that missed its old primary's last updates gets them.
     */
    public synchronized List<StateUpdate> appliedTail() {
        return List.copyOf(tail);
    }

    /** Every request result held here, by request id (for a joining backup's snapshot). */
    public synchronized Map<String, byte[]> results() {
        return new LinkedHashMap<>(results);
    }

    /** The result a request got, if its update has been applied here. */
    public synchronized Optional<byte[]> resultOf(String requestId) {
        return Optional.ofNullable(results.get(requestId)).map(byte[]::clone);
    }

    public String group() {
        return group;
    }

    public synchronized long lastApplied() {
        return lastApplied;
    }

    /**
     * A failover moved the group to {@code newEpoch} (this backup follows a new primary): from now on updates
     * of older epochs are refused, so a deposed primary cannot collect this backup's acknowledgement, and the
     * new primary's first update must continue this backup's sequence. An epoch not newer changes nothing.
     */
    public synchronized void fence(long newEpoch) {
        if (newEpoch > epoch) {
            epoch = newEpoch;
            newPrimaryDue = true;
        }
    }

    /** The highest epoch seen or fenced to; updates from older epochs are refused. */
    public synchronized long epoch() {
        return epoch;
    }

    /**
     * Sequence numbers received but not applicable because an earlier one is missing. Always empty when
     * the primary sends over one ordered connection; anything here at promotion is reported, never applied.
     */
    public synchronized List<Long> heldBehindGap() {
        long next = lastApplied + 1;
        List<Long> behind = new ArrayList<>();
        for (long sequence : received.keySet()) {
            if (sequence == next && behind.isEmpty()) {
                next++;
            } else {
                behind.add(sequence);
            }
        }
        return behind;
    }

    /** Received updates not yet applied. */
    public synchronized int pending() {
        return received.size();
    }
}
