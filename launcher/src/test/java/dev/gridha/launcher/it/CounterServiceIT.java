package dev.gridha.launcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.gridha.client.CounterClient;
import dev.gridha.client.GridServiceFault;
import dev.gridha.client.RemoteCounter;

/** The Counter WAR in embedded Tomcat, driven through the generated stubs and the typed client. */
class CounterServiceIT {

    private static CounterClient counters;

    @BeforeAll
    static void connect() {
        counters = new CounterClient(SharedGrid.counterEndpoint());
    }

    @Test
    void createdCounterStartsAtItsInitialValueAndAddReturnsTheNewValue() {
        RemoteCounter counter = counters.create(10);
        assertThat(counter.add(5)).isEqualTo(15);
        assertThat(counter.add(-20)).isEqualTo(-5);
        assertThat(counter.value()).isEqualTo(-5);
    }

    @Test
    void countersAreSeparateResources() {
        RemoteCounter a = counters.create();
        RemoteCounter b = counters.create();
        a.add(1);
        b.add(100);
        assertThat(a.value()).isEqualTo(1);
        assertThat(b.value()).isEqualTo(100);
    }

    @Test
    void aCounterBoundFromItsEndpointReferenceIsTheSameResource() {
        RemoteCounter original = counters.create();
        original.add(7);
        RemoteCounter rebound = new CounterClient(SharedGrid.counterEndpoint()).bind(original.endpointReference());
        assertThat(rebound.add(1)).isEqualTo(8);
    }

    @Test
    void destroyedCounterIsUnknown() {
        RemoteCounter counter = counters.create();
        counter.destroy();
        assertThatThrownBy(() -> counter.add(1))
                .isInstanceOfSatisfying(GridServiceFault.class, f -> {
                    assertThat(f.faultName()).isEqualTo("ResourceUnknownFault");
                    assertThat(f.errorCode()).isEqualTo("resource.unknown");
                });
    }

    @Test
    void scheduledTerminationRemovesTheCounter() {
        RemoteCounter counter = counters.create();
        Instant granted = counter.terminateAfter(Duration.ofMillis(300));
        assertThat(granted).isAfter(Instant.now().minusSeconds(5));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThatThrownBy(counter::value).isInstanceOf(GridServiceFault.class)
                        .hasMessageContaining("no counter resource"));
    }

    @Test
    void cancellingTerminationKeepsTheCounter() {
        RemoteCounter counter = counters.create();
        counter.terminateAfter(Duration.ofMillis(400));
        assertThat(counter.terminateAt(null)).isNull();
        org.awaitility.Awaitility.await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2))
                .until(() -> counter.add(0) == 0);
    }

    @Test
    void concurrentAddsAreNotLost() throws Exception {
        RemoteCounter counter = counters.create();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        counter.add(1);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(counter.value()).isEqualTo(400);
    }
}
