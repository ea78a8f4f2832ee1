package dev.gridha.durability.runtime.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    /** Every batch the executor was given, in order. */
    private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> threads = new ConcurrentHashMap<>();
    private final ExecutorService committers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        committers.shutdownNow();
    }

    @Test
    void aLoneCommitIsABatchOfOneRunOnTheCallersThread() {
        GroupCommit<String> commits = new GroupCommit<>(batch -> {
            batches.add(List.copyOf(batch));
            threads.put(batch.get(0), Thread.currentThread().getName());
        });

        commits.commit("a");

        assertThat(batches).containsExactly(List.of("a"));
        assertThat(threads).containsEntry("a", Thread.currentThread().getName());
    }

    @Test
    void commitsArrivingDuringABatchAreCommittedTogetherInTheNext() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        GroupCommit<String> commits = new GroupCommit<>(batch -> {
            batches.add(List.copyOf(batch));
            if (batch.contains("first")) {
                firstStarted.countDown();
                block(releaseFirst);
            }
        });
        Future<?> first = committers.submit(() -> commits.commit("first"));
        assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
        List<Future<?>> later = new ArrayList<>();
        for (String work : List.of("b", "c", "d")) {
            later.add(committers.submit(() -> commits.commit(work)));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> commits.waiting() == 3);

        releaseFirst.countDown();
        first.get(5, TimeUnit.SECONDS);
        for (Future<?> f : later) {
            f.get(5, TimeUnit.SECONDS);
        }

        assertThat(batches).hasSize(2);
        assertThat(batches.get(0)).containsExactly("first");
        assertThat(batches.get(1)).containsExactlyInAnyOrder("b", "c", "d");
        assertThat(commits.batches()).isEqualTo(2);
    }

    @Test
    void oneActionsFailingWorkFailsOnlyThatActionAfterTheBatchIsRetriedOneByOne() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        GroupCommit<String> commits = new GroupCommit<>(batch -> {
            batches.add(List.copyOf(batch));
            if (batch.contains("first")) {
                firstStarted.countDown();
                block(releaseFirst);
            }
            if (batch.contains("bad")) {
                throw new GroupCommit.WorkFailedException(new IllegalStateException("statement failed: bad"));
            }
        });
        Future<?> first = committers.submit(() -> commits.commit("first"));
        assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
        Future<?> good1 = committers.submit(() -> commits.commit("good1"));
        Future<?> bad = committers.submit(() -> commits.commit("bad"));
        Future<?> good2 = committers.submit(() -> commits.commit("good2"));
        await().atMost(Duration.ofSeconds(5)).until(() -> commits.waiting() == 3);

        releaseFirst.countDown();
        first.get(5, TimeUnit.SECONDS);
        good1.get(5, TimeUnit.SECONDS);
        good2.get(5, TimeUnit.SECONDS);
        assertThatThrownBy(() -> bad.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("statement failed: bad");

        // the shared batch, then each of its actions alone
        assertThat(batches.get(1)).containsExactlyInAnyOrder("good1", "bad", "good2");
        assertThat(batches.subList(2, batches.size())).containsExactlyInAnyOrder(
                List.of("good1"), List.of("bad"), List.of("good2"));
    }

    @Test
    void aTransactionThatCannotBeginOrCommitFailsEveryActionInIt() {
        GroupCommit<String> commits = new GroupCommit<>(batch -> {
            batches.add(List.copyOf(batch));
            throw new DatabaseUnavailableException("state database unavailable: connection refused", null);
        });

        assertThatThrownBy(() -> commits.commit("a")).isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("connection refused");
        // not retried: a second attempt would wait for the database again and fail the same way
        assertThat(batches).containsExactly(List.of("a"));
    }

    @Test
    void aFailedBatchDoesNotStopLaterCommits() {
        List<Boolean> down = new ArrayList<>(List.of(true));
        GroupCommit<String> commits = new GroupCommit<>(batch -> {
            batches.add(List.copyOf(batch));
            if (down.get(0)) {
                throw new DatabaseUnavailableException("down", null);
            }
        });
        assertThatThrownBy(() -> commits.commit("a")).isInstanceOf(DatabaseUnavailableException.class);
        down.set(0, false);

        commits.commit("b");

        assertThat(batches).containsExactly(List.of("a"), List.of("b"));
    }

    private static void block(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the batch");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
