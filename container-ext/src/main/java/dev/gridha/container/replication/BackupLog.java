package dev.gridha.container.replication;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * <p>Thread-safe; every method is atomic with respect to the others. Pure: no threads or clocks.
 */
public final class BackupLog implements StateUpdateHandler {

    /** The request id that marks a joining backup's snapshot: the whole state as of its sequence number. */
    public static final String SNAPSHOT = "gridha:snapshot";

    /** How a refusal for an older epoch begins: the sender has been replaced as primary. */
    public static final String STALE_EPOCH = "stale epoch";

    private final String group;
    private final StateApplier applier;
    private final int resultCapacity;
    private final TreeMap<Long, StateUpdate> received = new TreeMap<>();
    private final Map<String, byte[]> results;
    private long epoch;
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
            epoch = update.epoch();
            newPrimaryDue = false;
            return Acknowledgement.received(update.sequence());
        }
        if (update.epoch() < epoch) {
            return Acknowledgement.rejected(update.sequence(), STALE_EPOCH + " " + update.epoch() + " < " + epoch
                    + ": the sender is no longer primary");
        }
        boolean fromNewPrimary = update.epoch() > epoch && epoch > 0 || newPrimaryDue;
        if (fromNewPrimary && update.sequence() != highestHeld() + 1) {
            // A new primary (a restarted one, or a promoted backup) must continue this backup's sequence;
            // otherwise its updates would be acknowledged here and silently never applied.
            return Acknowledgement.rejected(update.sequence(), "the primary of epoch " + update.epoch()
                    + " starts at sequence " + update.sequence() + ", but this backup holds the previous primary's"
                    + " updates through " + highestHeld() + ": it must be re-synchronized before it can follow");
        }
        epoch = update.epoch();
        newPrimaryDue = false;
        if (update.sequence() > lastApplied) {
            received.putIfAbsent(update.sequence(), update);
        }
        // An update already applied or already held is acknowledged again: the primary may resend after a
        // reconnect, and it must be able to learn that this backup has it.
        return Acknowledgement.received(update.sequence());
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
            applied++;
        }
        return applied;
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
