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

    private final RecordedUpdateCodec codec;
    private final Map<Address, DurableState> objects = new ConcurrentHashMap<>();

    public ReplicaApplier(RecordedUpdateCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /** Makes a backup's state object reachable for replay. */
    public void register(String stateObject, String key, DurableState object) {
        objects.put(new Address(stateObject, key), object);
    }

    @Override
    public void apply(StateUpdate update) {
        List<RecordedUpdate> calls = codec.decode(update.payload());
        for (RecordedUpdate call : calls) {
            DurableState object = objects.get(new Address(call.stateObject(), call.key()));
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
