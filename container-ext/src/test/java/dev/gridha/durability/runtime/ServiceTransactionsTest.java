package dev.gridha.durability.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * startTA / commitTA / abortTA on the runtime: several requests become durable together or not at all, the
 * objects a transaction touched stay its own until it ends, and a transaction nobody ends is rolled back.
 */
class ServiceTransactionsTest {

    private final List<Action> committed = new ArrayList<>();
    private final AtomicLong now = new AtomicLong();
    private final ActionScope actions = new ActionScope(committed::add, Duration.ofMillis(100));
    private final ServiceTransactions transactions = new ServiceTransactions(actions, 2, Duration.ofMillis(100),
            now::get);
    private final TestCounter.Proxy from = counter("from", 100);
    private final TestCounter.Proxy to = counter("to", 0);

    private TestCounter.Proxy counter(String key, int initial) {
        return new TestCounter.Proxy(new ReplicatedStateContext(actions, "counter", key,
                new SerializingCheckpointer()), initial);
    }

    /** One request of the transaction, bracketed as the generated service brackets it. */
    private void inTransaction(String id, Runnable request) {
        Action action = transactions.enter(id);
        try {
            request.run();
        } catch (RuntimeException e) {
            transactions.failed(action, "r-failing");
            throw e;
        }
        transactions.leave(action);
    }

    private void transfer(String id, int amount) {
        inTransaction(id, () -> from.setValue(from.getValue() - amount));
        inTransaction(id, () -> to.setValue(to.getValue() + amount));
    }

    @Test
    void theUpdatesOfSeveralRequestsAreCommittedAsOneAction() {
        String id = transactions.begin(Duration.ofSeconds(30));
        transfer(id, 30);
        assertThat(committed).as("nothing leaves before commitTA").isEmpty();

        transactions.commit(id);

        assertThat(committed).singleElement().satisfies(action -> assertThat(action.recordedUpdates())
                .containsExactly(new RecordedUpdate("counter", "from", "setValue(int)", new Object[] {70}),
                        new RecordedUpdate("counter", "to", "setValue(int)", new Object[] {30})));
        assertThat(from.getValue()).isEqualTo(70);
        assertThat(to.getValue()).isEqualTo(30);
        assertThat(transactions.openCount()).isZero();
        assertThat(actions.current()).isEmpty();
    }

    @Test
    void rollingBackUndoesEveryRequestOfTheTransaction() {
        String id = transactions.begin(Duration.ofSeconds(30));
        transfer(id, 30);

        transactions.rollBack(id);

        assertThat(from.getValue()).isEqualTo(100);
        assertThat(to.getValue()).isEqualTo(0);
        assertThat(committed).isEmpty();
        assertThatThrownBy(() -> transactions.commit(id)).isInstanceOfSatisfying(TransactionException.class,
                e -> {
                    assertThat(e.errorCode()).isEqualTo(TransactionException.UNKNOWN);
                    assertThat(e).hasMessageContaining("rolled back by its client");
                });
    }

    @Test
    void anotherRequestCannotSeeOrChangeWhatAnOpenTransactionHolds() throws Exception {
        String id = transactions.begin(Duration.ofSeconds(30));
        inTransaction(id, () -> from.setValue(50));

        Action other = actions.start("r-other");
        assertThatThrownBy(from::getValue).isInstanceOf(StateBusyException.class)
                .hasMessageContaining("transaction " + id);
        assertThat(to.getValue()).as("objects the transaction did not touch are free").isZero();
        actions.commit(other);

        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
            Action reader = actions.start("r-waiting");
            try {
                return from.getValue();
            } finally {
                actions.commit(reader);
            }
        });
        Thread.sleep(20);
        transactions.commit(id);
        assertThat(waiting.get(5, TimeUnit.SECONDS)).as("a waiting reader proceeds once the transaction ends")
                .isEqualTo(50);
    }

    @Test
    void aFailingRequestRollsBackTheWholeTransaction() {
        String id = transactions.begin(Duration.ofSeconds(30));
        inTransaction(id, () -> from.setValue(1));

        assertThatThrownBy(() -> inTransaction(id, () -> {
            to.setValue(2);
            throw new IllegalStateException("the operation broke");
        })).hasMessage("the operation broke");

        assertThat(from.getValue()).isEqualTo(100);
        assertThat(to.getValue()).isEqualTo(0);
        assertThatThrownBy(() -> transactions.enter(id)).isInstanceOf(TransactionException.class)
                .hasMessageContaining("its request r-failing failed");
    }

    @Test
    void aCommitThatFailsRollsTheTransactionBack() {
        ActionScope failing = new ActionScope(action -> {
            throw new IllegalStateException("backup b1 did not acknowledge");
        });
        ServiceTransactions failingTransactions = new ServiceTransactions(failing, 2, Duration.ofMillis(100),
                now::get);
        TestCounter.Proxy replicated = new TestCounter.Proxy(new ReplicatedStateContext(failing, "counter", "k",
                new SerializingCheckpointer()), 5);
        String id = failingTransactions.begin(Duration.ofSeconds(30));
        Action action = failingTransactions.enter(id);
        replicated.setValue(6);
        failingTransactions.leave(action);

        assertThatThrownBy(() -> failingTransactions.commit(id)).hasMessageContaining("did not acknowledge");

        assertThat(replicated.getValue()).isEqualTo(5);
        assertThatThrownBy(() -> failingTransactions.rollBack(id)).hasMessageContaining("its commit failed");
    }

    @Test
    void aTransactionNotEndedBeforeItsTimeoutIsRolledBack() {
        String shortOne = transactions.begin(Duration.ofSeconds(5));
        String longOne = transactions.begin(Duration.ofSeconds(60));
        inTransaction(shortOne, () -> from.setValue(1));
        inTransaction(longOne, () -> to.setValue(2));

        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(transactions.rollBackExpired()).isEmpty();
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(transactions.rollBackExpired()).containsExactly(shortOne);

        assertThat(from.getValue()).isEqualTo(100);
        assertThatThrownBy(() -> transactions.commit(shortOne)).hasMessageContaining("before its timeout");
        transactions.commit(longOne);
        assertThat(to.getValue()).isEqualTo(2);
    }

    @Test
    void beginRefusesTimeoutsOutOfRangeAndTooManyOpenTransactions() {
        assertThatThrownBy(() -> transactions.begin(Duration.ZERO)).isInstanceOfSatisfying(
                TransactionException.class, e -> assertThat(e.errorCode()).isEqualTo(TransactionException.INVALID_TIMEOUT));
        assertThatThrownBy(() -> transactions.begin(Duration.ofHours(1))).isInstanceOfSatisfying(
                TransactionException.class, e -> assertThat(e.errorCode()).isEqualTo(TransactionException.INVALID_TIMEOUT));
        String first = transactions.begin(Duration.ofSeconds(1));
        String second = transactions.begin(Duration.ofSeconds(1));
        assertThat(first).isNotEqualTo(second).hasSize(22);
        assertThatThrownBy(() -> transactions.begin(Duration.ofSeconds(1))).isInstanceOfSatisfying(
                TransactionException.class, e -> assertThat(e.errorCode()).isEqualTo(TransactionException.LIMIT));
        assertThatThrownBy(() -> transactions.enter("never-begun")).isInstanceOfSatisfying(
                TransactionException.class, e -> assertThat(e).hasMessageContaining("never begun"));
    }

    @Test
    void aTransactionCannotBeEndedFromInsideARequestAndStaysOpen() {
        String id = transactions.begin(Duration.ofSeconds(30));
        inTransaction(id, () -> from.setValue(1));

        Action request = actions.start("r-inside");
        assertThatThrownBy(() -> transactions.commit(id)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside a request");
        actions.commit(request);

        assertThat(transactions.openCount()).isEqualTo(1);
        transactions.rollBack(id);
        assertThat(from.getValue()).isEqualTo(100);
    }
}
