package dev.gridha.manager.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import dev.gridha.manager.balancer.BackendState;
import dev.gridha.manager.balancer.BackendStatus;
import dev.gridha.manager.events.ManagerEvent;
import dev.gridha.manager.monitor.ContainerView;
import dev.gridha.probe.ProbeReading;

class ManagerMetricsTest {

    @Test
    void eachContainersReadingsForecastStateAndRequestsAreExposedWithItsLabel() {
        ContainerView a = new ContainerView("a", new ProbeReading(0, 300, 200, 1000, 4, 1500, 20, 30, 0.1, 60_000,
                List.of(new dev.gridha.probe.ReplicaRole("counter", "PRIMARY", 1))), true, true, false, "healthy", 12.5, OptionalLong.of(90_000), List.of());
        ContainerView silent = new ContainerView("b", null, false, false, true, "probe silent", Double.NaN,
                OptionalLong.empty(), List.of());
        List<BackendStatus> backends = List.of(
                new BackendStatus("a", URI.create("http://127.0.0.1:1"), BackendState.ACTIVE, 3, 120, 1, 250, 4),
                new BackendStatus("b", URI.create("http://127.0.0.1:2"), BackendState.DOWN, 0, 0, 0));
        List<ManagerEvent> events = List.of(new ManagerEvent(Instant.EPOCH, "a", "rejuvenated", "x"),
                new ManagerEvent(Instant.EPOCH, "b", "rejuvenated", "y"), new ManagerEvent(Instant.EPOCH, "b", "crash", "z"));

        String text = ManagerMetrics.text(List.of(a, silent), backends, events);

        assertThat(text).contains("# TYPE gridha_container_heap_live_bytes gauge",
                "gridha_container_heap_live_bytes{container=\"a\"} 200",
                "gridha_container_gc_seconds{container=\"a\"} 1.5",
                "gridha_container_heap_trend_bytes_per_second{container=\"a\"} 12.5",
                "gridha_container_heap_exhaustion_seconds{container=\"a\"} 90",
                "gridha_container_dead{container=\"b\"} 1",
                "gridha_container_replica_primary{container=\"a\",group=\"counter\"} 1",
                "gridha_balancer_backend_state{container=\"a\",state=\"active\"} 1",
                "gridha_balancer_backend_state{container=\"b\",state=\"active\"} 0",
                "gridha_balancer_in_flight{container=\"a\"} 3",
                "gridha_balancer_requests_per_second{container=\"a\"} 250",
                "gridha_balancer_latency_seconds{container=\"a\"} 0.004",
                "gridha_balancer_requests_served_total{container=\"a\"} 120",
                "gridha_manager_events_total{kind=\"rejuvenated\"} 2");
        // a container whose probe never answered has no readings, rather than zeros that would look like data
        assertThat(text).doesNotContain("gridha_container_heap_used_bytes{container=\"b\"}")
                .doesNotContain("gridha_balancer_latency_seconds{container=\"b\"}");
    }
}
