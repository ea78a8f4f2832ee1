package dev.gridha.container.failover.notification;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;

import dev.gridha.client.faulttolerance.FailureNotice;

/**
 * Who hears of this replica's take-over: clients' push subscriptions (a consumer address to notify) and
 * their pull points (a queue they fetch from), each with an expiry, and the last notice for a client that
 * asks late. Bounded everywhere, because anyone who can reach the service can subscribe: at most
 * {@link #MAX_SUBSCRIPTIONS} subscriptions and {@link #MAX_PULL_POINTS} pull points (the oldest goes first),
 * {@link #QUEUE} notices per pull point (the oldest are dropped: a client needs only the newest epoch).
 *
 * <p>Thread-safe; no I/O (the caller delivers what {@link #publish} hands back) and no clock of its own.
 */
public final class FailureNotifications {

    public static final int MAX_SUBSCRIPTIONS = 1_000;
    public static final int MAX_PULL_POINTS = 1_000;
    static final int QUEUE = 16;
    /** When a subscriber names no termination time, and the longest it may ask for. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
    public static final Duration MAX_LIFETIME = Duration.ofDays(1);
    /** A pull point nobody fetched from for this long is gone. */
    public static final Duration PULL_POINT_IDLE = Duration.ofMinutes(10);

    /** A push subscription: where to send notices, until when. */
    public record Subscription(String id, String consumer, long expiresNanos) {
    }

    private record PullPoint(ArrayDeque<FailureNotice> queue, long lastUsedNanos) {
    }

    private final LongSupplier clock;
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final Map<String, PullPoint> pullPoints = new LinkedHashMap<>();
    private FailureNotice last;

    public FailureNotifications(LongSupplier nanoClock) {
        this.clock = nanoClock;
    }

    /**
     * A new push subscription for {@code consumer} (an http(s) address), lasting {@code lifetime} (bounded by
     * {@link #MAX_LIFETIME}); a consumer subscribed already gets its subscription renewed, not a second one.
     */
    public synchronized Subscription subscribe(String consumer, Optional<Duration> lifetime) {
        sweep();
        for (Subscription existing : subscriptions.values()) {
            if (existing.consumer().equals(consumer)) {
                return renewed(existing, lifetime);
            }
        }
        if (subscriptions.size() >= MAX_SUBSCRIPTIONS) {
            subscriptions.remove(subscriptions.keySet().iterator().next());
        }
        Subscription subscription = new Subscription(UUID.randomUUID().toString(), consumer, expiry(lifetime));
        subscriptions.put(subscription.id(), subscription);
        return subscription;
    }

    /** The subscription with a new lifetime; empty if it is unknown or over. */
    public synchronized Optional<Subscription> renew(String id, Optional<Duration> lifetime) {
        sweep();
        Subscription existing = subscriptions.get(id);
        return existing == null ? Optional.empty() : Optional.of(renewed(existing, lifetime));
    }

    private Subscription renewed(Subscription existing, Optional<Duration> lifetime) {
        Subscription renewed = new Subscription(existing.id(), existing.consumer(), expiry(lifetime));
        subscriptions.put(existing.id(), renewed);
        return renewed;
    }

    /** Whether there was such a subscription to end. */
    public synchronized boolean unsubscribe(String id) {
        return subscriptions.remove(id) != null;
    }

    /** A push subscription whose consumer could not be reached ends (a new one is one Subscribe away). */
    public synchronized void undeliverable(String id) {
        subscriptions.remove(id);
    }

    /** A new pull point's id. */
    public synchronized String createPullPoint() {
        sweep();
        if (pullPoints.size() >= MAX_PULL_POINTS) {
            pullPoints.remove(pullPoints.keySet().iterator().next());
        }
        String id = UUID.randomUUID().toString();
        pullPoints.put(id, new PullPoint(new ArrayDeque<>(), clock.getAsLong()));
        return id;
    }

    /** Up to {@code max} queued notices, oldest first, taken off the queue; empty if the pull point is gone. */
    public synchronized Optional<List<FailureNotice>> take(String id, int max) {
        sweep();
        PullPoint point = pullPoints.get(id);
        if (point == null) {
            return Optional.empty();
        }
        List<FailureNotice> taken = new ArrayList<>();
        while (taken.size() < max && !point.queue().isEmpty()) {
            taken.add(point.queue().poll());
        }
        pullPoints.put(id, new PullPoint(point.queue(), clock.getAsLong()));
        return Optional.of(taken);
    }

    public synchronized boolean destroyPullPoint(String id) {
        return pullPoints.remove(id) != null;
    }

    /** Queues {@code notice} on every pull point and returns the subscriptions to push it to. */
    public synchronized List<Subscription> publish(FailureNotice notice) {
        sweep();
        last = notice;
        for (PullPoint point : pullPoints.values()) {
            if (point.queue().size() >= QUEUE) {
                point.queue().poll();
            }
            point.queue().add(notice);
        }
        return List.copyOf(subscriptions.values());
    }

    /** The last notice published here, for a client that subscribes after it. */
    public synchronized Optional<FailureNotice> last() {
        return Optional.ofNullable(last);
    }

    public synchronized int subscriptionCount() {
        sweep();
        return subscriptions.size();
    }

    public synchronized int pullPointCount() {
        sweep();
        return pullPoints.size();
    }

    private long expiry(Optional<Duration> lifetime) {
        Duration chosen = lifetime.orElse(DEFAULT_LIFETIME);
        if (chosen.isNegative() || chosen.isZero()) {
            throw new IllegalArgumentException("a subscription must last a while, not " + chosen);
        }
        if (chosen.compareTo(MAX_LIFETIME) > 0) {
            chosen = MAX_LIFETIME;
        }
        return clock.getAsLong() + chosen.toNanos();
    }

    private void sweep() {
        long now = clock.getAsLong();
        subscriptions.values().removeIf(subscription -> now - subscription.expiresNanos() >= 0);
        for (Iterator<PullPoint> points = pullPoints.values().iterator(); points.hasNext(); ) {
            if (now - points.next().lastUsedNanos() >= PULL_POINT_IDLE.toNanos()) {
                points.remove();
            }
        }
    }
}
