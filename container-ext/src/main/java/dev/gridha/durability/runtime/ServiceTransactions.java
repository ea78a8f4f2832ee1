package dev.gridha.durability.runtime;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The service transactions open in one deployment (thesis ch. IV: startTA / commitTA / abortTA): several
 * requests whose updates become durable together at commit, or not at all.
 *
 * <p>Each transaction is one {@link Action} that outlives its requests: its database transaction stays
 * open, its replication buffer grows, its checkpoints stay, and it holds every object it touched, so no
 * other request sees or changes them before it ends. Nothing reaches the backups before commit: if the
 * primary fails, the transaction is gone with it and the client runs it again (the thesis's second
 * approach, which needs no change to the transaction protocol). The requests of one transaction run one at
 * a time.
 *
 * <p>Ids are 128 random bits: knowing one is what lets a client act in the transaction. A transaction not
 * ended before its deadline is rolled back by {@link #rollBackExpired}; the clock is passed in, so the
 * expiry logic is tested without waiting.
 */
public final class ServiceTransactions {

    /** Longest a client may ask a transaction to stay open. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
    private static final int REMEMBERED_ENDINGS = 1024;

    private static final class Open {
        final Action action;
        final long deadlineNanos;
        final ReentrantLock turn = new ReentrantLock();

        Open(Action action, long deadlineNanos) {
            this.action = action;
            this.deadlineNanos = deadlineNanos;
        }
    }

    private final ActionScope actions;
    private final int maxOpen;
    private final Duration turnTimeout;
    private final LongSupplier nanoClock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Open> open = new ConcurrentHashMap<>();
    /** Why recently ended transactions ended, for a clear answer to a late request. */
    private final Map<String, String> endings = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED_ENDINGS;
        }
    };

    /**
     * @param maxOpen     how many may be open at once (each holds its objects and buffered updates)
     * @param turnTimeout how long a request waits for another request of the same transaction to finish
     * @param nanoClock   monotonic time in nanoseconds
     */
    public ServiceTransactions(ActionScope actions, int maxOpen, Duration turnTimeout, LongSupplier nanoClock) {
        this.actions = Objects.requireNonNull(actions, "actions");
        if (maxOpen < 1) {
            throw new IllegalArgumentException("maxOpen must be positive: " + maxOpen);
        }
        this.maxOpen = maxOpen;
        this.turnTimeout = Objects.requireNonNull(turnTimeout, "turnTimeout");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /**
     * startTA: opens a transaction that is rolled back unless it ends within {@code timeout}.
     *
     * @return its id
     * @throws TransactionException for a timeout that is not positive or over {@link #MAX_TIMEOUT}, or when
     *                              {@code maxOpen} transactions are already open
     */
    public String begin(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new TransactionException(TransactionException.INVALID_TIMEOUT,
                    "a transaction timeout must be between 1 s and " + MAX_TIMEOUT.toMinutes() + " min, not " + timeout.toSeconds() + " s");
        }
        if (open.size() >= maxOpen) {
            throw new TransactionException(TransactionException.LIMIT, maxOpen
                    + " service transactions are already open; commit or roll back one first");
        }
        byte[] bits = new byte[16];
        random.nextBytes(bits);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
        open.put(id, new Open(actions.startTransaction(id), nanoClock.getAsLong() + timeout.toNanos()));
        return id;
    }

    /**
     * A request of transaction {@code id} starts: waits for the transaction's previous request to finish,
     * then binds the transaction's action to this thread.
     *
     * @throws TransactionException if it is not open
     */
    public Action enter(String id) {
        Open transaction = turn(id);
        actions.resume(transaction.action);
        return transaction.action;
    }

    /** The request finished normally: what it did stays in the transaction, to commit or roll back later. */
    public void leave(Action action) {
        Open transaction = open.get(action.transactionId());
        actions.suspend(action);
        if (transaction != null && transaction.turn.isHeldByCurrentThread()) {
            transaction.turn.unlock();
        }
    }

    /**
     * The request failed with an unexpected exception: its partial work cannot be told apart from the
     * transaction's, so the whole transaction is rolled back.
     */
    public void failed(Action action, String request) {
        Open transaction = open.remove(action.transactionId());
        remember(action.transactionId(), "rolled back because its request " + request + " failed");
        try {
            actions.abort(action);
        } finally {
            if (transaction != null && transaction.turn.isHeldByCurrentThread()) {
                transaction.turn.unlock();
            }
        }
    }

    /**
     * commitTA: makes everything the transaction did durable at once (one replicated update, one database
     * commit).
     *
     * @throws TransactionException if it is not open
     * @throws RuntimeException            the mechanism's failure; the transaction is rolled back then
     */
    public void commit(String id) {
        Open transaction = end(id);
        try {
            actions.resume(transaction.action);
            actions.commit(transaction.action);
            remember(id, "committed");
        } catch (RuntimeException | Error e) {
            remember(id, "rolled back because its commit failed: " + e.getMessage());
            throw e;
        } finally {
            transaction.turn.unlock();
        }
    }

    /** abortTA: undoes everything the transaction did. */
    public void rollBack(String id) {
        Open transaction = end(id);
        remember(id, "rolled back by its client");
        try {
            actions.resume(transaction.action);
            actions.abort(transaction.action);
        } finally {
            transaction.turn.unlock();
        }
    }

    /**
     * Rolls back every transaction past its deadline that no request is using now.
     *
     * @return the ids rolled back
     */
    public List<String> rollBackExpired() {
        long now = nanoClock.getAsLong();
        List<String> expired = open.entrySet().stream().filter(e -> now - e.getValue().deadlineNanos >= 0)
                .map(Map.Entry::getKey).toList();
        List<String> rolledBack = new java.util.ArrayList<>();
        for (String id : expired) {
            Open transaction = open.get(id);
            if (transaction == null || !transaction.turn.tryLock()) {
                continue; // ended meanwhile, or a request is running: next sweep
            }
            if (!open.remove(id, transaction)) {
                transaction.turn.unlock();
                continue;
            }
            remember(id, "rolled back because it was not committed before its timeout");
            try {
                actions.resume(transaction.action);
                actions.abort(transaction.action);
                rolledBack.add(id);
            } finally {
                transaction.turn.unlock();
            }
        }
        return rolledBack;
    }

    /** Rolls back every open transaction (the deployment is closing). */
    public void rollBackAll() {
        for (String id : List.copyOf(open.keySet())) {
            try {
                rollBack(id);
            } catch (TransactionException e) {
                // ended meanwhile
            }
        }
    }

    public int openCount() {
        return open.size();
    }

    private Open turn(String id) {
        Open transaction = open.get(id);
        if (transaction == null) {
            throw unknown(id);
        }
        try {
            if (!transaction.turn.tryLock(turnTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new StateBusyException("transaction " + id + " is still busy with another of its requests"
                        + " after " + turnTimeout.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateBusyException("interrupted while waiting for transaction " + id);
        }
        if (open.get(id) != transaction) {
            transaction.turn.unlock();
            throw unknown(id);
        }
        return transaction;
    }

    /** Takes the transaction's turn and removes it from the open ones; the caller ends it and unlocks. */
    private Open end(String id) {
        if (actions.current().isPresent()) {
            // it would have to end this thread's own action first; refuse before the transaction is taken
            throw new IllegalStateException("transaction " + id + " can be ended only outside a request, not"
                    + " inside " + actions.current().get().describe());
        }
        Open transaction = turn(id);
        open.remove(id, transaction);
        return transaction;
    }

    private void remember(String id, String how) {
        synchronized (endings) {
            endings.put(id, how);
        }
    }

    private TransactionException unknown(String id) {
        String ending;
        synchronized (endings) {
            ending = endings.get(id);
        }
        return new TransactionException(TransactionException.UNKNOWN, ending == null
                ? "no service transaction " + id + " is open here (never begun on this primary, or it failed over)"
                : "service transaction " + id + " is no longer open: it was " + ending);
    }
}
