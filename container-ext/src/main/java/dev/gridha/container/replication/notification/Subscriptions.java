package dev.gridha.container.replication.notification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A primary's live subscriptions, by the address of their subscription manager, in the order they were
 * made. One consumer address holds at most one subscription: a backup that subscribes again while its first
 * subscription lives would receive every update twice.
 *
 * <p>Thread-safe; {@link #await} blocks the caller until enough subscriptions exist.
 *
 * @param <T> what the primary keeps per subscription
 */
final class Subscriptions<T> {

    /** One subscription: its manager's address, the subscriber's consumer address, and the primary's state. */
    record Entry<T>(String reference, String consumer, T value) {
    }

    private final Map<String, Entry<T>> byReference = new LinkedHashMap<>();

    /** @throws IllegalStateException if {@code consumer} already holds a subscription */
    synchronized void add(String reference, String consumer, T value) {
        if (byConsumer(consumer).isPresent()) {
            throw new IllegalStateException(consumer + " is already subscribed");
        }
        byReference.put(reference, new Entry<>(reference, consumer, value));
        notifyAll();
    }

    /** Ends a subscription; empty if it had already ended. */
    synchronized Optional<Entry<T>> remove(String reference) {
        return Optional.ofNullable(byReference.remove(reference));
    }

    synchronized Optional<T> byReference(String reference) {
        return Optional.ofNullable(byReference.get(reference)).map(Entry::value);
    }

    synchronized Optional<Entry<T>> byConsumer(String consumer) {
        return byReference.values().stream().filter(entry -> entry.consumer().equals(consumer)).findFirst();
    }

    synchronized List<Entry<T>> all() {
        return List.copyOf(byReference.values());
    }

    /**
     * Waits until at least {@code count} subscriptions live.
     *
     * @return the first {@code count} of them, oldest first, or empty if the time ran out
     * @throws InterruptedException if the caller is interrupted while waiting
     */
    synchronized Optional<List<T>> await(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (byReference.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, left / 1_000_000));
        }
        List<T> values = new ArrayList<>(count);
        for (Entry<T> entry : byReference.values()) {
            if (values.size() == count) {
                break;
            }
            values.add(entry.value());
        }
        return Optional.of(values);
    }
}
