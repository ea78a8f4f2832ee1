package dev.gridha.durability.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import dev.gridha.container.replication.StateApplier;
import dev.gridha.container.replication.StateUpdate;

/**
 * Applies the primary's recorded update calls on a backup: decodes the payload and replays each call on
 * the registered state object with the same name and key. Used by {@code BackupLog}, in sequence order.
 */
public final class ReplicaApplier implements StateApplier {

    private record Address(String stateObject, String key) {
    }

    /** How a backup makes and forgets keyed objects the primary created or destroyed. */
    public interface KeyedReplicas {
        /** A new, empty object for {@code key}; its state is copied in from the primary's. */
        DurableState create(String stateObject, String key);

        void destroy(String stateObject, String key);
    }

    private static final KeyedReplicas NONE = new KeyedReplicas() {
        @Override
        public DurableState create(String stateObject, String key) {
            throw new IllegalStateException("this backup cannot create keyed object " + stateObject + " [" + key
                    + "]: no service is bound yet");
        }

        @Override
        public void destroy(String stateObject, String key) {
        }
    };

    private final RecordedUpdateCodec codec;
    private final Map<Address, DurableState> objects = new ConcurrentHashMap<>();
    private volatile KeyedReplicas keyedReplicas = NONE;

    public ReplicaApplier(RecordedUpdateCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    public void keyedReplicas(KeyedReplicas replicas) {
        this.keyedReplicas = Objects.requireNonNull(replicas, "replicas");
    }

    /** The state objects known here, by state object name and key (null for an unkeyed one). */
    public void forEachObject(TriConsumer visitor) {
        objects.forEach((address, object) -> visitor.accept(address.stateObject(), address.key(), object));
    }

    /** Visits one known state object. */
    @FunctionalInterface
    public interface TriConsumer {
        void accept(String stateObject, String key, DurableState object);
    }

    /**
     * Forgets a destroyed object (on the primary: it must not appear in a joining backup's snapshot).
     *
     * @return the object it knew under that name and key, if any
     */
    public java.util.Optional<DurableState> unregister(String stateObject, String key) {
        return java.util.Optional.ofNullable(objects.remove(new Address(stateObject, key)));
    }

    /** Makes a backup's state object reachable for replay. */
    public void register(String stateObject, String key, DurableState object) {
        objects.put(new Address(stateObject, key), object);
    }

    /**
     * A snapshot replaces every keyed object held here (a backup holds only replicated objects; its
     * singletons are overwritten by the snapshot's whole states): the ones it lists are created afresh.
     */
    @Override
    public void install(StateUpdate snapshot) {
        for (Address address : List.copyOf(objects.keySet())) {
            if (address.key() != null) {
                objects.remove(address);
                keyedReplicas.destroy(address.stateObject(), address.key());
            }
        }
        apply(snapshot);
    }

    @Override
    public void apply(StateUpdate update) {
        List<RecordedUpdate> calls = codec.decode(update.payload());
        for (RecordedUpdate call : calls) {
            Address address = new Address(call.stateObject(), call.key());
            if (RecordedUpdate.CREATED.equals(call.update())) {
                DurableState created = keyedReplicas.create(call.stateObject(), call.key());
                StateSnapshots.copyFields(codec.decodeState((byte[]) call.arguments()[0]), created);
                objects.put(address, created);
                continue;
            }
            if (RecordedUpdate.DESTROYED.equals(call.update())) {
                objects.remove(address);
                keyedReplicas.destroy(call.stateObject(), call.key());
                continue;
            }
            DurableState object = objects.get(address);
            if (object == null) {
                throw new IllegalStateException("update " + update.sequence() + " names state object '"
                        + call.stateObject() + "'" + (call.key() == null ? "" : " [" + call.key() + "]")
                        + ", which this backup does not have");
            }
            if (RecordedUpdate.WHOLE_STATE.equals(call.update())) {
                StateSnapshots.copyFields(codec.decodeState((byte[]) call.arguments()[0]), object);
            } else {
                object.replay(call.update(), call.arguments());
            }
        }
    }
}
