package dev.gridha.durability.runtime;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One service request as an atomic action (thesis ch. IV: startA ... commitA), or one service transaction
 * spanning several requests (startTA ... commitTA/abortTA). It collects what the updates need at commit: the
 * calls to replicate, and how to put each touched object back if the action fails. Used by one thread at a
 * time: the request's, or for a transaction each of its requests in turn.
 */
public final class Action {

    private final String requestId;
    private final String transactionId;
    private final List<DurableState> owned = new ArrayList<>();
    private final List<RecordedUpdate> recorded = new ArrayList<>();
    private final Map<DurableState, Runnable> restores = new IdentityHashMap<>();
    private byte[] result = new byte[0];
    private final Map<Object, Participant> participants = new java.util.LinkedHashMap<>();
    private final List<Runnable> undoes = new ArrayList<>();

    Action(String requestId) {
        this(requestId, null);
    }

    Action(String requestId, String transactionId) {
        this.requestId = requestId;
        this.transactionId = transactionId;
    }

    /** The service transaction this action is, or {@code null} for a single request's action. */
    public String transactionId() {
        return transactionId;
    }

    /** For messages: "request X", "transaction Y". */
    String describe() {
        if (transactionId != null) {
            return "transaction " + transactionId;
        }
        return requestId == null ? "an internal action" : "request " + requestId;
    }

    /** {@link ObjectOwnership} gave this action {@code object}; it keeps it until it ends. */
    void owns(DurableState object) {
        owned.add(object);
    }

    List<DurableState> owned() {
        return owned;
    }

    /** The client request this action serves, or {@code null} for internal work. */
    public String requestId() {
        return requestId;
    }

    /**
     * Called before an object's first change in this action: keeps a way to restore it. Later changes of
     * the same object in the same action keep the first checkpoint.
     */
    public void touch(DurableState object, Checkpointer checkpointer) {
        restores.computeIfAbsent(object, checkpointer::checkpoint);
    }

    /** Adds a call (or a creation, destruction, whole state) to what this action sends to the backups. */
    public void record(RecordedUpdate update) {
        recorded.add(Objects.requireNonNull(update, "update"));
    }

    /**
     * Sets the reply the request produced, serialized; it travels with the state update so that a backup
     * promoted to primary can answer a resubmission of this request with it.
     */
    public void result(byte[] reply) {
        this.result = reply.clone();
    }

    public byte[] result() {
        return result.clone();
    }

    /** Whether the action changed anything: an object, a database row, a created or destroyed resource. */
    public boolean changedState() {
        return !recorded.isEmpty() || !participants.isEmpty() || !restores.isEmpty() || !undoes.isEmpty();
    }

    /** The update calls to send to the backups, in the order they ran. */
    public List<RecordedUpdate> recordedUpdates() {
        return List.copyOf(recorded);
    }

    /**
     * A resource manager taking part in this action (a database transaction), created on first use and
     * committed or rolled back with the action.
     */
    public interface Participant {
        void commit();

        void rollback();
    }

    /** The participant registered under {@code key}, created by {@code create} on first use. */
    @SuppressWarnings("unchecked")
    public <P extends Participant> P participant(Object key, java.util.function.Supplier<P> create) {
        return (P) participants.computeIfAbsent(key, k -> create.get());
    }

    /** Whether a participant is registered under {@code key} (the action changed that resource's state). */
    public boolean hasParticipant(Object key) {
        return participants.containsKey(key);
    }

    List<Participant> participants() {
        return List.copyOf(participants.values());
    }

    /**
     * Something this action changed outside its state objects (a resource removed from its home) and how to
     * put it back if the action is rolled back.
     */
    public void onRollback(Runnable undo) {
        undoes.add(Objects.requireNonNull(undo, "undo"));
    }

    /** Puts every touched object back as it was before this action, most recent first. */
    void rollBack() {
        List<Runnable> inOrder = new ArrayList<>(restores.values());
        inOrder.addAll(undoes);
        for (int i = inOrder.size() - 1; i >= 0; i--) {
            inOrder.get(i).run();
        }
    }
}
