package dev.gridha.durability.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.gridha.container.replication.Acknowledgement;
import dev.gridha.container.replication.BackupLog;
import dev.gridha.container.replication.StateUpdate;

class ActionScopeTest {

    private final List<Action> committed = new ArrayList<>();
    private final ActionScope actions = new ActionScope(committed::add);
    private final TestCounter.Proxy counter = new TestCounter.Proxy(
            new ReplicatedStateContext(actions, "counter", "k1", new SerializingCheckpointer()), 10);

    @Test
    void aCommittedActionCarriesItsCallsInOrder() {
        Action action = actions.start("client-1:1");
        counter.setValue(11);
        counter.setValue(12);
        actions.commit(action);

        assertThat(committed).singleElement().satisfies(a -> assertThat(a.recordedUpdates()).containsExactly(
                new RecordedUpdate("counter", "k1", "setValue(int)", new Object[] {11}),
                new RecordedUpdate("counter", "k1", "setValue(int)", new Object[] {12})));
        assertThat(actions.current()).isEmpty();
    }

    @Test
    void aFailedCommitRollsEveryTouchedObjectBackToBeforeTheAction() {
        ActionScope failing = new ActionScope(a -> {
            throw new IllegalStateException("backup b1 did not acknowledge");
        });
        TestCounter.Proxy replicated = new TestCounter.Proxy(
                new ReplicatedStateContext(failing, "counter", "k1", new SerializingCheckpointer()), 10);
        Action action = failing.start("client-1:2");
        replicated.setValue(11);
        replicated.setValue(12);

        assertThatThrownBy(() -> failing.commit(action)).hasMessageContaining("did not acknowledge");
        assertThat(replicated.getValue()).isEqualTo(10);
        assertThat(replicated.history()).as("nested state restored too").isEmpty();
        assertThat(failing.current()).isEmpty();
    }

    @Test
    void anAbortedActionLeavesNothingBehind() {
        Action action = actions.start("client-1:3");
        counter.setValue(99);
        actions.abort(action);

        assertThat(counter.getValue()).isEqualTo(10);
        assertThat(committed).isEmpty();
    }

    @Test
    void anUpdateOutsideARequestIsRefused() {
        assertThatThrownBy(() -> counter.setValue(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside a request");
    }

    @Test
    void actionsDoNotNest() {
        actions.start("a");
        assertThatThrownBy(() -> actions.start("b")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void reconstructionKeepsNothingAndNeedsNoAction() {
        TestCounter.Proxy volatileCounter = new TestCounter.Proxy(ReconstructedStateContext.INSTANCE, 0);
        volatileCounter.setValue(5);
        assertThat(volatileCounter.getValue()).isEqualTo(5);
    }

    @Test
    void aNonSerializableObjectCannotBeCheckpointedBySerialization() {
        DurableState notSerializable = (update, arguments) -> { };
        assertThatThrownBy(() -> new SerializingCheckpointer().checkpoint(notSerializable))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not Serializable");
    }

    /** Primary to backup without a network: the recorded calls replayed on the backup give the same state. */
    @Test
    void aBackupReplayingTheCommittedCallsReachesThePrimarysState() {
        RecordedUpdateCodec codec = new RecordedUpdateCodec(List.of());
        TestCounter.Proxy backupCounter = new TestCounter.Proxy(ReconstructedStateContext.INSTANCE, 10);
        ReplicaApplier applier = new ReplicaApplier(codec);
        applier.register("counter", "k1", backupCounter);
        BackupLog backup = new BackupLog("counter", 0, applier, 100);
        long[] sequence = {0};
        ActionScope primary = new ActionScope(action -> {
            Acknowledgement ack = backup.receive(new StateUpdate("counter", 1, ++sequence[0], action.requestId(),
                    action.result(), codec.encode(action.recordedUpdates())));
            if (!ack.isReceived()) {
                throw new IllegalStateException(ack.reason());
            }
        });
        TestCounter.Proxy primaryCounter = new TestCounter.Proxy(
                new ReplicatedStateContext(primary, "counter", "k1", new SerializingCheckpointer()), 10);

        for (int i = 1; i <= 3; i++) {
            Action action = primary.start("client-1:" + i);
            primaryCounter.setValue(primaryCounter.getValue() + i);
            action.result(String.valueOf(primaryCounter.getValue()).getBytes(StandardCharsets.UTF_8));
            primary.commit(action);
        }
        backup.applyReady();

        assertThat(backupCounter.getValue()).isEqualTo(primaryCounter.getValue()).isEqualTo(16);
        assertThat(backup.resultOf("client-1:2")).hasValueSatisfying(r ->
                assertThat(new String(r, StandardCharsets.UTF_8)).isEqualTo("13"));
    }

    @Test
    void aSerializeRuleShipsTheWholeObjectAndTheBackupCopiesItIn() {
        RecordedUpdateCodec codec = new RecordedUpdateCodec(List.of("dev.gridha.durability.runtime"));
        TestCounter.Proxy backupCounter = new TestCounter.Proxy(ReconstructedStateContext.INSTANCE, 0);
        ReplicaApplier applier = new ReplicaApplier(codec);
        applier.register("counter", null, backupCounter);
        long[] sequence = {0};
        ActionScope primary = new ActionScope(action -> applier.apply(new StateUpdate("counter", 1, ++sequence[0],
                action.requestId(), new byte[0], codec.encode(action.recordedUpdates()))));
        TestCounter.Proxy primaryCounter = new TestCounter.Proxy(new ReplicatedStateContext(primary, "counter", null,
                new SerializingCheckpointer(), java.util.Set.of("setValue(int)")), 7);

        Action action = primary.start("r1");
        primaryCounter.setValue(8);
        primaryCounter.setValue(9);
        assertThat(action.recordedUpdates()).allSatisfy(u -> assertThat(u.update()).isEqualTo(RecordedUpdate.WHOLE_STATE));
        primary.commit(action);

        assertThat(backupCounter.getValue()).isEqualTo(9);
        // the whole object came over, including what no call argument carried
        assertThat(backupCounter.history()).containsExactly(7, 8);
    }

    @Test
    void serializedStateOfAClassOutsideTheAllowedPackagesIsRefused() {
        RecordedUpdateCodec codec = new RecordedUpdateCodec(List.of("dev.gridha.services.counter"));
        byte[] state = StateSnapshots.serialize(new TestCounter(1));
        assertThatThrownBy(() -> codec.decodeState(state)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refused");
    }

    @Test
    void aBackupWithoutTheNamedObjectRefusesToApplyRatherThanSkip() {
        RecordedUpdateCodec codec = new RecordedUpdateCodec(List.of());
        ReplicaApplier applier = new ReplicaApplier(codec);
        byte[] payload = codec.encode(List.of(new RecordedUpdate("counter", "missing", "setValue(int)",
                new Object[] {1})));
        assertThatThrownBy(() -> applier.apply(new StateUpdate("counter", 1, 1, null, new byte[0], payload)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not have");
    }

    @Test
    void aSnapshotWaitsForOpenActionsAndHoldsNewOnesBack() throws Exception {
        ActionScope scope = new ActionScope(action -> { });
        java.util.concurrent.CountDownLatch opened = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch finish = new java.util.concurrent.CountDownLatch(1);
        Thread request = new Thread(() -> {
            Action action = scope.start("r1");
            opened.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scope.commit(action);
        });
        request.start();
        opened.await();

        // an open action: the snapshot gives up rather than see half a request
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> scope.quiesced(java.time.Duration.ofMillis(50),
                () -> "snapshot")).hasMessageContaining("still open");

        finish.countDown();
        request.join(2_000);
        java.util.concurrent.atomic.AtomicBoolean startedDuring = new java.util.concurrent.atomic.AtomicBoolean();
        Thread late = new Thread(() -> {
            scope.commit(scope.start("r2"));
            startedDuring.set(true);
        });
        String taken = scope.quiesced(java.time.Duration.ofSeconds(1), () -> {
            late.start();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return startedDuring.get() ? "a request ran during the snapshot" : "snapshot";
        });
        late.join(2_000);
        org.assertj.core.api.Assertions.assertThat(taken).isEqualTo("snapshot");
        org.assertj.core.api.Assertions.assertThat(startedDuring).isTrue(); // it went on once the snapshot was taken
    }
}
