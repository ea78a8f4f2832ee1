package dev.gridha.manager.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class BackendPoolTest {

    private final BackendPool pool = new BackendPool();

    @Test
    void onlyActiveContainersGetLeasesRoundRobin() {
        pool.add("a", URI.create("http://127.0.0.1:8081"));
        pool.add("b", URI.create("http://127.0.0.1:8082"));
        assertThat(pool.acquire()).as("both start as standbys").isEmpty();

        pool.set("a", BackendState.ACTIVE);
        pool.set("b", BackendState.ACTIVE);
        assertThat(pool.acquire().orElseThrow().id()).isEqualTo("a");
        assertThat(pool.acquire().orElseThrow().id()).isEqualTo("b");
        assertThat(pool.acquire().orElseThrow().id()).isEqualTo("a");

        pool.set("a", BackendState.DRAINING);
        assertThat(pool.acquire().orElseThrow().id()).isEqualTo("b");
        assertThat(pool.acquire().orElseThrow().id()).isEqualTo("b");
    }

    @Test
    void aRequestHeldForWantOfAnActiveContainerGetsTheOneActivatedWhileItWaits() throws Exception {
        pool.add("a", URI.create("http://127.0.0.1:8081"));
        CompletableFuture<Optional<BackendPool.Lease>> held = CompletableFuture.supplyAsync(() -> {
            try {
                return pool.acquire(TimeUnit.SECONDS.toNanos(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        assertThat(held).as("nothing active yet: it waits").isNotDone();

        pool.set("a", BackendState.ACTIVE);

        assertThat(held.get(5, TimeUnit.SECONDS).orElseThrow().id()).isEqualTo("a");
        assertThat(pool.inFlight("a")).isEqualTo(1);
    }

    @Test
    void aHeldRequestGetsNothingWhenNoContainerIsActivatedWithinTheHold() throws Exception {
        pool.add("a", URI.create("http://127.0.0.1:8081"));
        pool.set("a", BackendState.DRAINING);

        assertThat(pool.acquire(TimeUnit.MILLISECONDS.toNanos(30))).isEmpty();
        assertThat(pool.inFlight("a")).isZero();
    }

    @Test
    void answeredLeasesAreTimedIntoTheContainersRecentLatency() {
        long[] now = {0};
        BackendPool timed = new BackendPool(() -> now[0]);
        timed.add("a", URI.create("http://127.0.0.1:8081"));
        timed.set("a", BackendState.ACTIVE);
        BackendPool.Lease lease = timed.acquire().orElseThrow();
        now[0] += TimeUnit.MILLISECONDS.toNanos(4);
        lease.release(true);
        BackendPool.Lease failing = timed.acquire().orElseThrow();
        now[0] += TimeUnit.SECONDS.toNanos(1);
        failing.release(false); // no answer: not a latency

        BackendStatus status = timed.statuses().get(0);
        assertThat(status.latencyMillis()).isCloseTo(4.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(status.requestsPerSecond()).isPositive();
    }

    @Test
    void aLeaseCountsInFlightUntilReleasedOnceAndCountsTheOutcome() {
        pool.add("a", URI.create("http://127.0.0.1:8081"));
        pool.set("a", BackendState.ACTIVE);
        BackendPool.Lease first = pool.acquire().orElseThrow();
        BackendPool.Lease second = pool.acquire().orElseThrow();
        assertThat(pool.inFlight("a")).isEqualTo(2);

        pool.set("a", BackendState.DRAINING); // what was leased before still finishes
        first.release(true);
        first.release(true); // a second release changes nothing
        assertThat(pool.inFlight("a")).isEqualTo(1);
        second.release(false);

        assertThat(pool.inFlight("a")).isZero();
        assertThat(pool.statuses()).singleElement().satisfies(status -> {
            assertThat(status.state()).isEqualTo(BackendState.DRAINING);
            assertThat(status.served()).isEqualTo(1);
            assertThat(status.failed()).isEqualTo(1);
        });
    }

    @Test
    void badNamesAndAddressesAreRefused() {
        pool.add("a", URI.create("http://127.0.0.1:8081"));
        assertThatThrownBy(() -> pool.add("a", URI.create("http://127.0.0.1:8082"))).hasMessageContaining("already");
        assertThatThrownBy(() -> pool.add("b", URI.create("127.0.0.1"))).hasMessageContaining("scheme://host:port");
        assertThatThrownBy(() -> pool.set("c", BackendState.ACTIVE)).hasMessageContaining("no backend named c");
        assertThatThrownBy(() -> pool.inFlight("c")).hasMessageContaining("no backend named c");
    }
}
