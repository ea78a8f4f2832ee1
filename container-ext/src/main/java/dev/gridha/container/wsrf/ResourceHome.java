package dev.gridha.container.wsrf;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The home of one kind of WS-Resource: creates resources under fresh keys, finds them by the key a request
 * carries, and destroys them now (WS-ResourceLifetime {@code Destroy}) or at their termination time
 * ({@code SetTerminationTime}).
 *
 * <p>Thread-safe. A resource whose termination time has passed is unknown from that instant on, whether or
 * not {@link #expire()} has swept it yet, so scheduled termination never depends on the sweep's timing.
 * The clock is injected so that lifetime is tested without sleeping.
 *
 * @param <S> the state object's type
 */
public final class ResourceHome<S> {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceHome.class);

    private static final Comparator<Scheduled> BY_TIME_THEN_KEY =
            Comparator.comparing(Scheduled::at).thenComparing(Scheduled::key);

    private final String name;
    private final Clock clock;
    private final Supplier<ResourceKey> keys;
    private final Map<ResourceKey, WsResource<S>> resources = new ConcurrentHashMap<>();
    private final NavigableSet<Scheduled> schedule = new ConcurrentSkipListSet<>(BY_TIME_THEN_KEY);
    private volatile RemovalListener<S> removalListener = (resource, undo) -> { };

    /**
     * Told of every resource the home removes (destroyed, expired), right after it is taken out. A durable
     * service deletes the resource's rows here; if the listener throws, the resource is put back and the
     * removal fails. {@code undo} puts it back later, if the request that removed it fails.
     */
    @FunctionalInterface
    public interface RemovalListener<S> {
        void removed(WsResource<S> resource, Runnable undo);
    }

    /**
     * @param name  what the resources are, for messages and logs ("counter")
     * @param clock the time that termination times are compared with
     * @param keys  where new keys come from; {@link ResourceKey#random()} in production
     */
    public ResourceHome(String name, Clock clock, Supplier<ResourceKey> keys) {
        this.name = Objects.requireNonNull(name, "name");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** A home on the system clock that hands out random UUID keys. */
    public static <S> ResourceHome<S> withRandomKeys(String name) {
        return new ResourceHome<>(name, Clock.systemUTC(), ResourceKey::random);
    }

    public String name() {
        return name;
    }

    public Clock clock() {
        return clock;
    }

    /** Creates a resource that lives until it is destroyed. */
    public WsResource<S> create(S state) {
        return create(state, null);
    }

    /**
     * Creates a resource whose state object is made for its key, as a durable service's state factory needs
     * (the durability proxy of a keyed object knows its key from birth).
     */
    public WsResource<S> create(Function<ResourceKey, S> factory, Instant terminationTime) {
        Objects.requireNonNull(factory, "factory");
        ResourceKey key = keys.get();
        return register(key, Objects.requireNonNull(factory.apply(key), "factory returned no state"),
                terminationTime);
    }

    /**
     * Creates a resource around {@code state}.
     *
     * @param terminationTime when the home destroys it, or {@code null} for never
     */
    public WsResource<S> create(S state, Instant terminationTime) {
        Objects.requireNonNull(state, "state");
        return register(keys.get(), state, terminationTime);
    }

    private WsResource<S> register(ResourceKey key, S state, Instant terminationTime) {
        WsResource<S> resource = new WsResource<>(key, state, clock.instant(), terminationTime);
        if (resources.putIfAbsent(key, resource) != null) {
            throw new IllegalStateException("key " + key + " is already in use in home " + name);
        }
        if (terminationTime != null) {
            schedule.add(new Scheduled(terminationTime, key));
        }
        LOG.debug("created {} {} (termination {})", name, key, terminationTime);
        return resource;
    }

    /** Sets the one removal listener (replacing the default, which does nothing). */
    public void onRemoval(RemovalListener<S> listener) {
        this.removalListener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Puts back a resource that recovery rebuilt after a restart, under the key its clients hold.
     *
     * @throws IllegalStateException if a resource with that key is alive
     */
    public WsResource<S> restore(ResourceKey key, S state, Instant terminationTime) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(state, "state");
        return register(key, state, terminationTime);
    }

    /**
     * Forgets a resource whose creation was rolled back, without telling the removal listener: nothing
     * durable was ever made for it. Unknown keys are ignored.
     */
    public void discard(ResourceKey key) {
        WsResource<S> resource = resources.remove(key);
        if (resource != null) {
            resource.terminationTime().ifPresent(t -> schedule.remove(new Scheduled(t, key)));
            LOG.debug("discarded {} {}: its creation was rolled back", name, key);
        }
    }

    /** The live resource with this key. */
    public WsResource<S> find(ResourceKey key) throws ResourceUnknownException {
        WsResource<S> resource = key == null ? null : resources.get(key);
        if (resource == null) {
            throw new ResourceUnknownException(name, key);
        }
        if (isDue(resource, clock.instant())) {
            remove(resource, "termination time passed");
            throw new ResourceUnknownException(name, key);
        }
        return resource;
    }

    /** Destroys the resource now and returns its last state. */
    public S destroy(ResourceKey key) throws ResourceUnknownException {
        WsResource<S> resource = find(key);
        if (!remove(resource, "destroyed on request")) {
            throw new ResourceUnknownException(name, key);
        }
        return resource.state();
    }

    /**
     * Schedules the resource's destruction. A time that is not after now destroys it at once, as
     * WS-ResourceLifetime asks; {@code null} cancels any scheduled termination.
     *
     * @return the termination time now in force ({@code null}: none)
     */
    public Instant setTerminationTime(ResourceKey key, Instant requested) throws ResourceUnknownException {
        WsResource<S> resource = find(key);
        synchronized (resource) {
            resource.terminationTime().ifPresent(old -> schedule.remove(new Scheduled(old, key)));
            resource.terminationTime(requested);
            if (requested != null) {
                schedule.add(new Scheduled(requested, key));
            }
        }
        if (requested != null && !requested.isAfter(clock.instant())) {
            remove(resource, "termination time set in the past");
        }
        return requested;
    }

    /**
     * Destroys every resource whose termination time has come. The lifetime scheduler calls this
     * periodically; it is also safe to call from anywhere.
     *
     * @return how many resources this call destroyed
     */
    public int expire() {
        Instant now = clock.instant();
        List<Scheduled> due = new ArrayList<>();
        for (Scheduled entry : schedule) {
            if (entry.at().isAfter(now)) {
                break;
            }
            due.add(entry);
        }
        int destroyed = 0;
        for (Scheduled entry : due) {
            schedule.remove(entry);
            WsResource<S> resource = resources.get(entry.key());
            try {
                if (resource != null && isDue(resource, now) && remove(resource, "termination time passed")) {
                    destroyed++;
                }
            } catch (RuntimeException e) {
                schedule.add(entry); // kept: the next sweep tries again
                LOG.warn("could not destroy expired {} {}: {}", name, entry.key(), e.getMessage());
            }
        }
        return destroyed;
    }

    /** How many resources are alive (including any whose time has passed but that were not swept yet). */
    public int size() {
        return resources.size();
    }

    private static boolean isDue(WsResource<?> resource, Instant now) {
        return resource.terminationTime().map(t -> !t.isAfter(now)).orElse(false);
    }

    private boolean remove(WsResource<S> resource, String why) {
        boolean removed = resources.remove(resource.key(), resource);
        if (removed) {
            resource.terminationTime().ifPresent(t -> schedule.remove(new Scheduled(t, resource.key())));
            Runnable undo = () -> putBack(resource);
            try {
                removalListener.removed(resource, undo);
            } catch (RuntimeException e) {
                undo.run();
                throw e;
            }
            LOG.debug("removed {} {}: {}", name, resource.key(), why);
        }
        return removed;
    }

    private void putBack(WsResource<S> resource) {
        if (resources.putIfAbsent(resource.key(), resource) == null) {
            resource.terminationTime().ifPresent(t -> schedule.add(new Scheduled(t, resource.key())));
        }
    }

    private record Scheduled(Instant at, ResourceKey key) {
    }
}
