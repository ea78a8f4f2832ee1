package dev.gridha.durability.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.gridha.container.replication.BackupLog;
import dev.gridha.container.replication.StateUpdate;

/** How a backup replays updates and installs a joiner's snapshot onto its state objects. */
class ReplicaApplierTest {

    private static final StateContext IGNORING = new StateContext() {
        @Override
        public void beforeUpdate(DurableState object) {
        }

        @Override
        public void updated(DurableState object, String update, Object[] arguments) {
        }
    };

    private final RecordedUpdateCodec codec = new RecordedUpdateCodec(List.of("dev.gridha.durability.runtime"));
    private final ReplicaApplier applier = new ReplicaApplier(codec);
    /** The keyed counters this backup's service holds, as the service's resource home would. */
    private final Map<String, TestCounter.Proxy> home = new TreeMap<>();
    private final List<String> destroyed = new ArrayList<>();

    ReplicaApplierTest() {
        applier.keyedReplicas(new ReplicaApplier.KeyedReplicas() {
            @Override
            public DurableState create(String stateObject, String key) {
                TestCounter.Proxy counter = new TestCounter.Proxy(IGNORING, 0);
                if (home.putIfAbsent(key, counter) != null) {
                    throw new IllegalStateException("key " + key + " is already in use"); // as ResourceHome does
                }
                return counter;
            }

            @Override
            public void destroy(String stateObject, String key) {
                home.remove(key);
                destroyed.add(key);
            }
        });
    }

    @Test
    void aSecondSnapshotReplacesTheKeyedObjectsOfTheFirstInsteadOfCreatingThemTwice() {
        applier.install(snapshot(7, Map.of("a", 1, "b", 2)));
        assertThat(values()).containsExactlyInAnyOrderEntriesOf(Map.of("a", 1, "b", 2));

        // taken in again (dropped meanwhile): "a" changed, "b" was destroyed, "c" was created on the primary
        applier.install(snapshot(12, Map.of("a", 5, "c", 3)));

        assertThat(values()).containsExactlyInAnyOrderEntriesOf(Map.of("a", 5, "c", 3));
        assertThat(destroyed).containsExactlyInAnyOrder("a", "b");
        // the objects the applier replays onto are the new ones
        applier.apply(new StateUpdate("counters", 1, 13, "r", new byte[0], codec.encode(List.of(
                new RecordedUpdate("counter", "c", TestCounter.Proxy.SET_VALUE, new Object[] {4})))));
        assertThat(values()).containsEntry("c", 4);
    }

    @Test
    void aSnapshotAppliedAsAnOrdinaryUpdateStillRefusesAKeyTheBackupHolds() {
        applier.install(snapshot(7, Map.of("a", 1)));

        // what a backup did before install existed: the joiner refused its second snapshot
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> applier.apply(snapshot(8, Map.of("a", 2))))
                .hasMessageContaining("already in use");
    }

    private StateUpdate snapshot(long sequence, Map<String, Integer> counters) {
        List<RecordedUpdate> state = new ArrayList<>();
        counters.forEach((key, value) -> state.add(new RecordedUpdate("counter", key, RecordedUpdate.CREATED,
                new Object[] {StateSnapshots.serialize(new TestCounter.Proxy(IGNORING, value))})));
        return new StateUpdate("counters", 1, sequence, BackupLog.SNAPSHOT, new byte[0], codec.encode(state));
    }

    private Map<String, Integer> values() {
        Map<String, Integer> values = new TreeMap<>();
        home.forEach((key, counter) -> values.put(key, counter.getValue()));
        return values;
    }
}
