package dev.gridha.container.wsrf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class LifetimeSchedulerTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void sweepRemovesResourcesWhoseTerminationTimeHasPassed() {
        MutableClock clock = new MutableClock(T0);
        ResourceHome<Object> home = new ResourceHome<>("swept", clock, ResourceKey::random);
        home.create(new Object(), T0.plusSeconds(1));
        home.create(new Object(), T0.plusSeconds(2));
        clock.set(T0.plusSeconds(10));
        // Nobody calls find(): only the sweep can remove them.
        assertThat(home.size()).isEqualTo(2);

        try (LifetimeScheduler scheduler = new LifetimeScheduler(home, Duration.ofMillis(10))) {
            scheduler.start();
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(5))
                    .until(home::size, size -> size == 0);
        }
    }

    @Test
    void sweepLeavesResourcesThatAreNotDue() {
        MutableClock clock = new MutableClock(T0);
        ResourceHome<Object> home = new ResourceHome<>("swept", clock, ResourceKey::random);
        home.create(new Object(), T0.plusSeconds(1));
        home.create(new Object(), T0.plusSeconds(3600));
        home.create(new Object());
        clock.set(T0.plusSeconds(10));

        try (LifetimeScheduler scheduler = new LifetimeScheduler(home, Duration.ofMillis(10))) {
            scheduler.start();
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(5))
                    .until(home::size, size -> size == 2);
        }
    }

    @Test
    void startTwiceThrows() {
        try (LifetimeScheduler scheduler = new LifetimeScheduler(home(), Duration.ofSeconds(1))) {
            scheduler.start();
            assertThatIllegalStateException().isThrownBy(scheduler::start).withMessageContaining("STARTED");
        }
    }

    @Test
    void startAfterCloseThrows() {
        LifetimeScheduler scheduler = new LifetimeScheduler(home(), Duration.ofSeconds(1));
        scheduler.close();
        assertThatIllegalStateException().isThrownBy(scheduler::start).withMessageContaining("CLOSED");
    }

    @Test
    void closeIsIdempotent() {
        LifetimeScheduler scheduler = new LifetimeScheduler(home(), Duration.ofSeconds(1));
        scheduler.start();
        scheduler.close();
        scheduler.close();
        assertThatIllegalStateException().isThrownBy(scheduler::start);
    }

    @Test
    void closeOfANeverStartedSchedulerIsHarmless() {
        LifetimeScheduler scheduler = new LifetimeScheduler(home(), Duration.ofSeconds(1));
        assertThatCode(() -> {
            scheduler.close();
            scheduler.close();
        }).doesNotThrowAnyException();
    }

    /** Regression: a positive period under a millisecond passed the constructor and then failed in start(). */
    @Test
    void subMillisecondPeriodStartsAndSweeps() {
        MutableClock clock = new MutableClock(T0);
        ResourceHome<Object> home = new ResourceHome<>("fast", clock, ResourceKey::random);
        home.create(new Object(), T0.plusSeconds(1));
        clock.set(T0.plusSeconds(2));

        try (LifetimeScheduler scheduler = new LifetimeScheduler(home, Duration.ofNanos(500_000))) {
            scheduler.start();
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(5))
                    .until(home::size, size -> size == 0);
        }
    }

    @Test
    void zeroPeriodIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LifetimeScheduler(home(), Duration.ZERO))
                .withMessageContaining("positive");
    }

    @Test
    void negativePeriodIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new LifetimeScheduler(home(), Duration.ofMillis(-1)));
    }

    private static ResourceHome<Object> home() {
        return new ResourceHome<>("idle", new MutableClock(T0), ResourceKey::random);
    }
}
