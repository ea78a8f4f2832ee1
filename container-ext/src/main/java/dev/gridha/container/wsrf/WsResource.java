package dev.gridha.container.wsrf;

import java.time.Instant;
import java.util.Optional;

/**
 * One WS-Resource: its key, its state object and its lifetime. The state object is the seam where the
 * durability proxies plug in: a service reaches its state only through the state object's methods, so a
 * generated proxy can stand in for the plain object without the service noticing.
 *
 * <p>The termination time is written only by the owning {@link ResourceHome}, which keeps its schedule in
 * step; it is volatile so that readers on request threads see the latest value.
 *
 * @param <S> the state object's type
 */
public final class WsResource<S> {

    private final ResourceKey key;
    private final S state;
    private final Instant created;
    private volatile Instant terminationTime;

    WsResource(ResourceKey key, S state, Instant created, Instant terminationTime) {
        this.key = key;
        this.state = state;
        this.created = created;
        this.terminationTime = terminationTime;
    }

    /**
     * The one resource of a singleton service (such as the Matchmaker), which has no home and never
     * terminates; its key is the service's name.
     */
    public static <S> WsResource<S> singleton(String name, S state, Instant created) {
        return new WsResource<>(new ResourceKey(name), state, created, null);
    }

    public ResourceKey key() {
        return key;
    }

    public S state() {
        return state;
    }

    public Instant created() {
        return created;
    }

    /** When the resource will be destroyed by its home; empty means it lives until destroyed explicitly. */
    public Optional<Instant> terminationTime() {
        return Optional.ofNullable(terminationTime);
    }

    void terminationTime(Instant when) {
        this.terminationTime = when;
    }
}
