package dev.gridha.durability.runtime.database;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Commits the work of concurrent actions together: whichever committing thread finds no commit under way
 * becomes the leader, takes every action queued so far (up to {@link #MAX_BATCH}) and runs them as one
 * database transaction with one commit, while the others wait for its outcome (leader/follower group
 * commit, as InnoDB and MySQL's binary log do it). A lone request leads its own batch of one on its own
 * thread, so batching costs it nothing; under load, one commit (one round trip and one log flush) serves
 * many requests.
 *
 * <p>A batch that fails in one action's statements does not fail the others: the batch is rolled back and
 * each of its actions is run again in a transaction of its own, so only the faulty one fails. A batch that
 * cannot begin or commit fails every action in it: the database is unavailable, or the outcome of the
 * commit is unknown, and none of them may reply as if committed.
 *
 * <p>Free of JDBC: {@link Executor} runs a batch; {@link StateDatabase} gives it a Hibernate session.
 *
 * @param <W> one action's work (its bound statements)
 */
final class GroupCommit<W> {

    /** The most actions in one transaction; a longer queue is served by successive batches. */
    static final int MAX_BATCH = 64;

    /** Runs a batch of actions' work in one database transaction. */
    interface Executor<W> {
        /**
         * Runs {@code batch} in one transaction and commits it.
         *
         * @throws WorkFailedException if one action's work failed; the transaction was rolled back
         * @throws RuntimeException    if the transaction could not begin or commit (outcome unknown)
         */
        void commit(List<W> batch);
    }

    /** One action's work failed (a statement), not the transaction as a whole. */
    static final class WorkFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WorkFailedException(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }

        /** What failed it. */
        RuntimeException failure() {
            return (RuntimeException) getCause();
        }
    }

    private static final class Pending<W> {
        final W work;
        boolean finished;
        RuntimeException failure;

        Pending(W work) {
            this.work = work;
        }
    }

    private final Executor<W> executor;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    private final ArrayDeque<Pending<W>> queue = new ArrayDeque<>();
    private boolean leading;
    private long batches;

    GroupCommit(Executor<W> executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * Commits {@code work} (together with whatever else is committing now) and returns once it is
     * committed.
     *
     * @throws RuntimeException what failed this action's work or its batch's transaction; nothing of it is
     *                          committed unless the commit itself failed with an unknown outcome
     */
    void commit(W work) {
        Pending<W> mine = new Pending<>(Objects.requireNonNull(work, "work"));
        lock.lock();
        try {
            queue.add(mine);
            while (!mine.finished) {
                if (leading) {
                    finished.awaitUninterruptibly();
                    continue;
                }
                leading = true;
                List<Pending<W>> batch = new ArrayList<>();
                while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                    batch.add(queue.poll());
                }
                lock.unlock();
                try {
                    run(batch);
                } finally {
                    lock.lock();
                    leading = false;
                    batches++;
                    finished.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    /** Actions queued and not yet taken into a batch. */
    int waiting() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Batches run so far. */
    long batches() {
        lock.lock();
        try {
            return batches;
        } finally {
            lock.unlock();
        }
    }

    /** Runs a batch outside the lock and records each action's outcome (read under the lock afterwards). */
    private void run(List<Pending<W>> batch) {
        try {
            executor.commit(works(batch));
            settle(batch, null);
        } catch (WorkFailedException e) {
            if (batch.size() == 1) {
                settle(batch, e.failure());
                return;
            }
            for (Pending<W> pending : batch) {
                run(List.of(pending));
            }
        } catch (RuntimeException e) {
            settle(batch, e);
        }
    }

    private void settle(List<Pending<W>> batch, RuntimeException failure) {
        lock.lock();
        try {
            for (Pending<W> pending : batch) {
                pending.failure = failure;
                pending.finished = true;
            }
        } finally {
            lock.unlock();
        }
    }

    private static <W> List<W> works(List<Pending<W>> batch) {
        List<W> works = new ArrayList<>(batch.size());
        for (Pending<W> pending : batch) {
            works.add(pending.work);
        }
        return works;
    }
}
