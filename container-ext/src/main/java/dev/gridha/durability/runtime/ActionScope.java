package dev.gridha.durability.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Brackets service requests as atomic actions (thesis ch. IV: startA / commitA): the generated service calls
 * {@link #start} before the operation and {@link #commit} or {@link #abort} after it, on the request's
 * thread. State contexts find the current action here.
 *
 * <p>Commit hands the action to the {@code committer} (replication sends the recorded calls to every backup
 * and waits for their acknowledgements; the database commits its transaction). If the committer throws, the
 * action is rolled back and the exception propagates, so the service answers with a fault, never with a
 * reply that claims durability it does not have.
 *
 * <p>Isolation: an action holds every object it reads or updates until it ends ({@link ObjectOwnership}).
 * A service transaction is an action that outlives its requests: each request {@link #resume}s it on its
 * thread and {@link #suspend}s it at the end, and commitTA/abortTA end it.
 */
public final class ActionScope {

    /** How long a request waits for an object another action holds, unless configured. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(2);

    private final ThreadLocal<Action> current = new ThreadLocal<>();
    /** Counts the actions begun and not yet ended, and holds new ones back while a snapshot is taken. */
    private final Object gate = new Object();
    private int running;
    private boolean paused;
    private final Consumer<Action> committer;
    private final ObjectOwnership ownership;

    /**
     * @param committer makes a finished action durable; throws if it could not
     */
    public ActionScope(Consumer<Action> committer) {
        this(committer, DEFAULT_LOCK_TIMEOUT);
    }

    /**
     * @param lockTimeout how long an action waits for an object another action holds
     */
    public ActionScope(Consumer<Action> committer, Duration lockTimeout) {
        this.committer = committer;
        this.ownership = new ObjectOwnership(lockTimeout);
    }

    /** Begins an action for {@code requestId} on this thread. */
    public Action start(String requestId) {
        if (current.get() != null) {
            throw new IllegalStateException("an action is already open on this thread for request "
                    + current.get().requestId());
        }
        enter();
        Action action = new Action(requestId);
        current.set(action);
        return action;
    }

    /** Opens a service transaction's action (startTA), bound to no thread until a request resumes it. */
    public Action startTransaction(String transactionId) {
        java.util.Objects.requireNonNull(transactionId, "transactionId");
        enter();
        return new Action(null, transactionId);
    }

    /**
     * Runs {@code work} while no action is open: new ones wait, and the call first waits for the open ones
     * to end. What {@code work} sees of the state objects is then exactly what the committed actions made
     * (a joining backup's snapshot).
     *
     * @throws IllegalStateException if actions are still open after {@code timeout} (nothing is run then)
     */
    public <T> T quiesced(Duration timeout, java.util.function.Supplier<T> work) {
        synchronized (gate) {
            if (paused) {
                throw new IllegalStateException("another snapshot is being taken");
            }
            paused = true;
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                while (running > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new IllegalStateException(running + " action(s) still open after "
                                + timeout.toMillis() + " ms");
                    }
                    gate.wait(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for open actions", e);
            } catch (RuntimeException e) {
                paused = false;
                gate.notifyAll();
                throw e;
            }
        }
        try {
            return work.get();
        } finally {
            synchronized (gate) {
                paused = false;
                gate.notifyAll();
            }
        }
    }

    private void enter() {
        synchronized (gate) {
            boolean interrupted = false;
            while (paused) {
                try {
                    gate.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            running++;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void leave() {
        synchronized (gate) {
            running--;
            gate.notifyAll();
        }
    }

    /** Binds a transaction's open action to this thread for one of its requests, or for its commit or abort. */
    public void resume(Action action) {
        if (current.get() != null) {
            throw new IllegalStateException("an action is already open on this thread: " + current.get().describe());
        }
        current.set(action);
    }

    /** Unbinds a transaction's action from this thread, keeping everything it holds and recorded. */
    public void suspend(Action action) {
        ensureCurrent(action);
        current.remove();
    }

    /**
     * Gives {@code object} to the action open on this thread before it reads or changes it, waiting while
     * another action holds it.
     *
     * @throws StateBusyException when the wait times out
     */
    void take(DurableState object, Action action, String stateObject) {
        ownership.take(object, action, stateObject);
    }

    /** The action open on this thread, if any. */
    public Optional<Action> current() {
        return Optional.ofNullable(current.get());
    }

    /**
     * Makes the action durable: first the committer runs (replication: every backup acknowledges), then the
     * participants (database transactions, whose statements already ran and held their locks) commit. A
     * replication failure therefore rolls the database back too and the request changed nothing anywhere.
     * Only a database commit that fails after the backups acknowledged leaves the backups ahead of the
     * database; the request still fails, so no reply claims otherwise (docs/DURABILITY-DESIGN.md).
     * On failure everything not yet committed is rolled back, every touched object is restored, and the
     * exception rethrown.
     */
    public void commit(Action action) {
        ensureCurrent(action);
        List<Action.Participant> pending = new ArrayList<>(action.participants());
        try {
            committer.accept(action);
            while (!pending.isEmpty()) {
                pending.get(0).commit();
                pending.remove(0);
            }
        } catch (RuntimeException | Error e) {
            rollBackQuietly(pending, e);
            action.rollBack();
            throw e;
        } finally {
            current.remove();
            ownership.releaseAll(action);
            leave();
        }
    }

    /** Undoes the action: the request failed, so nothing it changed may stay. */
    public void abort(Action action) {
        ensureCurrent(action);
        try {
            rollBackQuietly(action.participants(), null);
            action.rollBack();
        } finally {
            current.remove();
            ownership.releaseAll(action);
            leave();
        }
    }

    private static void rollBackQuietly(List<Action.Participant> participants, Throwable cause) {
        for (Action.Participant participant : participants) {
            try {
                participant.rollback();
            } catch (RuntimeException e) {
                if (cause != null) {
                    cause.addSuppressed(e);
                }
            }
        }
    }

    private void ensureCurrent(Action action) {
        if (current.get() != action) {
            throw new IllegalStateException(action.describe() + " is not the action open on this thread");
        }
    }
}
