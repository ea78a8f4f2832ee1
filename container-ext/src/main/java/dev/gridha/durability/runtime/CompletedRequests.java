package dev.gridha.durability.runtime;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The primary's table of requests it has executed, for exactly-once execution (the thesis's
 * check_previous_requests, with the ids it leaves out): a fault-tolerant client numbers its requests
 * ({@code ft:<client>:<sequence>}) and resubmits one after a failure, and the service must answer a
 * request it already executed with the result it got then, not execute it again.
 *
 * <p>Bounded by the clients' window: a fault-tolerant client has at most {@link #WINDOW} requests
 * unanswered, so a resubmitted request is always among the {@code WINDOW} most recent sequence numbers of
 * its client and older results can go. Clients themselves are bounded too (the least recently seen is
 * forgotten past {@link #MAX_CLIENTS}).
 *
 * <p>A duplicate that arrives while the original is still executing waits for it (up to a bound) and then
 * gets its result, so the two never run side by side.
 */
public final class CompletedRequests {

    /** How many sequence numbers a client may have unanswered; results older than that are dropped. */
    public static final int WINDOW = 256;
    static final int MAX_CLIENTS = 10_000;

    /** A request id of a fault-tolerant client's request. */
    public record ClientSequence(String client, long sequence) {
        public String requestId() {
            return PREFIX + client + ":" + sequence;
        }
    }

    private static final String PREFIX = "ft:";

    /** The outcome of {@link #begin}: run the request, or answer with what it returned before. */
    public sealed interface Start permits Run, Replay {
    }

    /** Not executed before: run it, then {@link #finish} or {@link #abandon}. */
    public record Run() implements Start {
    }

    /** Executed before; {@code result} as {@code ResultEncoding} encoded it (empty if it could not be). */
    public record Replay(byte[] result) implements Start {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    private final Map<String, TreeMap<Long, byte[]>> results = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TreeMap<Long, byte[]>> eldest) {
            return size() > MAX_CLIENTS;
        }
    };
    private final Map<String, Boolean> running = new HashMap<>();

    /** The client and sequence of a fault-tolerant client's request id; empty for any other id. */
    public static Optional<ClientSequence> parse(String requestId) {
        if (requestId == null || !requestId.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int colon = requestId.lastIndexOf(':');
        if (colon <= PREFIX.length()) {
            return Optional.empty();
        }
        try {
            long sequence = Long.parseLong(requestId.substring(colon + 1));
            return sequence < 1 ? Optional.empty()
                    : Optional.of(new ClientSequence(requestId.substring(PREFIX.length(), colon), sequence));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Starts serving {@code id}: a {@link Replay} if it completed before (here, or as {@code elsewhere} says:
     * a promoted backup's results), else a {@link Run}, after waiting for a copy of it still running.
     *
     * @param elsewhere results this replica holds from its time as a backup
     * @throws IllegalStateException if a copy of the request is still running after {@code wait}
     */
    public Start begin(ClientSequence id, java.util.function.Function<String, Optional<byte[]>> elsewhere,
                       Duration wait) {
        String requestId = id.requestId();
        long deadline = System.nanoTime() + wait.toNanos();
        lock.lock();
        try {
            while (running.containsKey(requestId)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("request " + requestId + " is still being executed");
                }
                finished.awaitNanos(left);
            }
            byte[] result = resultOf(id);
            if (result == null) {
                result = elsewhere.apply(requestId).orElse(null);
            }
            if (result != null) {
                return new Replay(result.clone());
            }
            running.put(requestId, Boolean.TRUE);
            return new Run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a copy of " + requestId + " was executing", e);
        } finally {
            lock.unlock();
        }
    }

    /** The request committed with {@code result}: a resubmission gets that from now on. */
    public void finish(ClientSequence id, byte[] result) {
        lock.lock();
        try {
            keep(id, result);
            running.remove(id.requestId());
            finished.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A result kept from before a restart (the state database's table of them). */
    public void restore(ClientSequence id, byte[] result) {
        lock.lock();
        try {
            keep(id, result);
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: records the result and forgets the client's results older than the window. */
    private void keep(ClientSequence id, byte[] result) {
        TreeMap<Long, byte[]> client = results.computeIfAbsent(id.client(), c -> new TreeMap<>());
        client.put(id.sequence(), result.clone());
        client.headMap(client.lastKey() - WINDOW, true).clear();
    }

    /** The request failed and changed nothing: a resubmission runs it again. */
    public void abandon(ClientSequence id) {
        lock.lock();
        try {
            running.remove(id.requestId());
            finished.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private byte[] resultOf(ClientSequence id) {
        TreeMap<Long, byte[]> client = results.get(id.client());
        return client == null ? null : client.get(id.sequence());
    }

    /** Every result held, by request id (for a joining backup's snapshot). */
    public Map<String, byte[]> all() {
        lock.lock();
        try {
            Map<String, byte[]> all = new LinkedHashMap<>();
            results.forEach((client, held) -> held.forEach((sequence, result) ->
                    all.put(new ClientSequence(client, sequence).requestId(), result)));
            return all;
        } finally {
            lock.unlock();
        }
    }

    /** Results held for {@code client} (for tests and status). */
    public int heldFor(String client) {
        lock.lock();
        try {
            TreeMap<Long, byte[]> held = results.get(client);
            return held == null ? 0 : held.size();
        } finally {
            lock.unlock();
        }
    }
}
