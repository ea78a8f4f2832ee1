package dev.gridha.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

    /** A fake operation that counts its calls and follow-ups and fails on every {@code failEvery}-th call. */
    private static final class CountingOperation implements LoadGenerator.Operation {
        final AtomicLong calls = new AtomicLong();
        final AtomicLong afters = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        private final long failEvery;

        CountingOperation(long failEvery) {
            this.failEvery = failEvery;
        }

        @Override
        public void call() throws Exception {
            long n = calls.incrementAndGet();
            if (failEvery > 0 && n % failEvery == 0) {
                failures.incrementAndGet();
                throw new Exception("planned failure " + n);
            }
        }

        @Override
        public void after() {
            afters.incrementAndGet();
        }
    }

    @Test
    void runBoundedByCountStopsAtMaxOperationsPerClientTimesClients() {
        List<CountingOperation> ops = new CopyOnWriteArrayList<>();

        LoadResult result = new LoadGenerator().run(4, Duration.ofSeconds(30), 250, i -> {
            CountingOperation op = new CountingOperation(0);
            ops.add(op);
            return op;
        });

        assertThat(result.clients()).isEqualTo(4);
        assertThat(result.operations()).isEqualTo(1_000);
        assertThat(result.errors()).isZero();
        assertThat(ops).hasSize(4).allSatisfy(op -> assertThat(op.calls).hasValue(250));
        assertThat(result.latencyMicros().getTotalCount()).isEqualTo(1_000);
        assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void runBoundedByTimeStopsAfterTheDuration() {
        Duration duration = Duration.ofMillis(50);

        LoadResult result = new LoadGenerator().run(2, duration, Long.MAX_VALUE, i -> new CountingOperation(0));

        assertThat(result.operations()).isPositive();
        assertThat(result.elapsed()).isGreaterThanOrEqualTo(duration).isLessThan(Duration.ofMillis(900));
    }

    @Test
    void runBoundedByAFakeClockStopsWhenTheClockPassesTheDeadline() {
        // Every reading of the clock moves it 1 ms; each loop reads it three times (check, before, after).
        AtomicLong nanos = new AtomicLong();
        LoadGenerator generator = new LoadGenerator(() -> nanos.getAndAdd(1_000_000));
        CountingOperation op = new CountingOperation(0);

        LoadResult result = generator.run(1, Duration.ofMillis(300), Long.MAX_VALUE, i -> op);

        assertThat(result.operations()).isEqualTo(op.calls.get()).isBetween(95L, 101L);
        assertThat(result.p50Micros()).isBetween(999.0, 1001.0);
    }

    @Test
    void failingCallsAreCountedAsErrorsNotOperations() {
        List<CountingOperation> ops = new CopyOnWriteArrayList<>();

        LoadResult result = new LoadGenerator().run(3, Duration.ofSeconds(30), 100, i -> {
            CountingOperation op = new CountingOperation(4);
            ops.add(op);
            return op;
        });

        // Failures count toward the per-client bound: 100 calls each, every fourth fails.
        assertThat(ops).allSatisfy(op -> {
            assertThat(op.calls).hasValue(100);
            assertThat(op.failures).hasValue(25);
        });
        assertThat(result.errors()).isEqualTo(75);
        assertThat(result.operations()).isEqualTo(225);
        assertThat(result.latencyMicros().getTotalCount()).isEqualTo(225);
    }

    @Test
    void alwaysFailingOperationHasNoOperationsAndNoLatencies() {
        LoadResult result = new LoadGenerator().run(2, Duration.ofSeconds(30), 50, i -> new CountingOperation(1));

        assertThat(result.operations()).isZero();
        assertThat(result.errors()).isEqualTo(100);
        assertThat(result.latencyMicros().getTotalCount()).isZero();
    }

    @Test
    void afterIsCalledOncePerSuccessfulCallOnly() {
        List<CountingOperation> ops = new CopyOnWriteArrayList<>();

        LoadResult result = new LoadGenerator().run(2, Duration.ofSeconds(30), 60, i -> {
            CountingOperation op = new CountingOperation(3);
            ops.add(op);
            return op;
        });

        assertThat(ops).allSatisfy(op -> assertThat(op.afters.get()).isEqualTo(op.calls.get() - op.failures.get())
                .isEqualTo(40));
        assertThat(result.operations()).isEqualTo(80);
    }

    @Test
    void eachClientGetsItsOwnOperation() {
        List<Integer> indexes = new CopyOnWriteArrayList<>();
        List<CountingOperation> ops = new CopyOnWriteArrayList<>();

        new LoadGenerator().run(3, Duration.ofSeconds(30), 10, i -> {
            indexes.add(i);
            CountingOperation op = new CountingOperation(0);
            ops.add(op);
            return op;
        });

        assertThat(indexes).containsExactly(0, 1, 2);
        assertThat(ops).allSatisfy(op -> assertThat(op.calls).hasValue(10));
    }
}
