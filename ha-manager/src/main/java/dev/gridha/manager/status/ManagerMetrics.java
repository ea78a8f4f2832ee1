package dev.gridha.manager.status;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import dev.gridha.manager.balancer.BackendState;
import dev.gridha.manager.balancer.BackendStatus;
import dev.gridha.manager.events.ManagerEvent;
import dev.gridha.manager.monitor.ContainerView;
import dev.gridha.probe.ProbeReading;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * What the manager knows, in Prometheus's text format for {@code /metrics}: per container its probe's
 * readings (with its role in each replica group it hosts), the aging forecast, its balancer state and request
 * counts; the manager's events by kind.
 * Built from the same views as the status page at each scrape, with Prometheus's own model and writer.
 */
public final class ManagerMetrics {

    private ManagerMetrics() {
    }

    public static String text(List<ContainerView> containers, List<BackendStatus> backends, List<ManagerEvent> events) {
        List<MetricSnapshot> metrics = new ArrayList<>();
        metrics.add(readingGauge("gridha_container_heap_used_bytes", "heap in use", containers, ProbeReading::heapUsed));
        metrics.add(readingGauge("gridha_container_heap_live_bytes", "heap in use after the last collection",
                containers, ProbeReading::liveHeap));
        metrics.add(readingGauge("gridha_container_heap_max_bytes", "the most the heap may grow to", containers,
                ProbeReading::heapMax));
        metrics.add(readingGauge("gridha_container_threads", "live threads", containers, ProbeReading::threads));
        metrics.add(readingGauge("gridha_container_open_files", "open file descriptors", containers,
                ProbeReading::openFiles));
        metrics.add(readingGauge("gridha_container_gc_seconds", "time spent collecting since the JVM started",
                containers, reading -> reading.gcMillis() / 1000.0));
        metrics.add(readingGauge("gridha_container_uptime_seconds", "how long the container's JVM has run", containers,
                reading -> reading.uptimeMillis() / 1000.0));
        metrics.add(gauge("gridha_container_heap_trend_bytes_per_second", "growth of the live heap (least squares"
                + " over the detector's window)", containers.stream().filter(v -> !Double.isNaN(v.heapTrend()))
                .toList(), ContainerView::heapTrend));
        metrics.add(gauge("gridha_container_heap_exhaustion_seconds", "forecast time until the heap is full",
                containers.stream().filter(v -> v.exhaustionMillis().isPresent()).toList(),
                view -> view.exhaustionMillis().getAsLong() / 1000.0));
        metrics.add(gauge("gridha_container_up", "1 if the last liveness check answered", containers,
                view -> view.alive() ? 1 : 0));
        metrics.add(gauge("gridha_container_dead", "1 if the watchdog holds the container dead", containers,
                view -> view.dead() ? 1 : 0));
        GaugeSnapshot.Builder primaries = GaugeSnapshot.builder().name("gridha_container_replica_primary")
                .help("1 if the container is the primary of the replica group, 0 if a backup or another role");
        for (ContainerView view : containers) {
            if (view.reading() != null) {
                view.reading().replicas().forEach(replica -> primaries.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot
                        .builder().labels(Labels.of("container", view.id(), "group", replica.group()))
                        .value(replica.primary() ? 1 : 0).build()));
            }
        }
        metrics.add(primaries.build());
        GaugeSnapshot.Builder states = GaugeSnapshot.builder().name("gridha_balancer_backend_state")
                .help("1 for the state the balancer holds each container in");
        for (BackendStatus backend : backends) {
            for (BackendState state : BackendState.values()) {
                states.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(Labels.of("container",
                        backend.id(), "state", state.name().toLowerCase(Locale.ROOT)))
                        .value(backend.state() == state ? 1 : 0).build());
            }
        }
        metrics.add(states.build());
        metrics.add(gauge("gridha_balancer_in_flight", "requests sent to the container and not yet answered", backends,
                BackendStatus::id, BackendStatus::inFlight));
        metrics.add(gauge("gridha_balancer_requests_per_second", "answers per second lately (the last seconds)",
                backends, BackendStatus::id, BackendStatus::requestsPerSecond));
        metrics.add(gauge("gridha_balancer_latency_seconds", "mean time from a request's arrival to its answer,"
                + " lately", backends.stream().filter(b -> !Double.isNaN(b.latencyMillis())).toList(),
                BackendStatus::id, b -> b.latencyMillis() / 1000));
        metrics.add(counter("gridha_balancer_requests_served", "requests the container answered", backends,
                BackendStatus::id, BackendStatus::served));
        metrics.add(counter("gridha_balancer_requests_failed", "requests to the container that got no answer from it",
                backends, BackendStatus::id, BackendStatus::failed));
        Map<String, Long> kinds = new TreeMap<>();
        events.forEach(event -> kinds.merge(event.kind(), 1L, Long::sum));
        CounterSnapshot.Builder eventCounts = CounterSnapshot.builder().name("gridha_manager_events")
                .help("events in the manager's recent log, by kind");
        kinds.forEach((kind, count) -> eventCounts.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(Labels.of("kind", kind)).value(count).build()));
        metrics.add(eventCounts.build());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, new MetricSnapshots(metrics));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static GaugeSnapshot readingGauge(String name, String help, List<ContainerView> containers,
                                              ToDoubleFunction<ProbeReading> value) {
        return gauge(name, help, containers.stream().filter(view -> view.reading() != null).toList(),
                view -> value.applyAsDouble(view.reading()));
    }

    private static GaugeSnapshot gauge(String name, String help, List<ContainerView> containers,
                                       ToDoubleFunction<ContainerView> value) {
        return gauge(name, help, containers, ContainerView::id, value);
    }

    private static <T> GaugeSnapshot gauge(String name, String help, List<T> items, Function<T, String> container,
                                           ToDoubleFunction<T> value) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
        for (T item : items) {
            gauge.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(Labels.of("container", container.apply(item))).value(value.applyAsDouble(item)).build());
        }
        return gauge.build();
    }

    private static <T> CounterSnapshot counter(String name, String help, List<T> items, Function<T, String> container,
                                               ToDoubleFunction<T> value) {
        CounterSnapshot.Builder counter = CounterSnapshot.builder().name(name).help(help);
        for (T item : items) {
            counter.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                    .labels(Labels.of("container", container.apply(item))).value(value.applyAsDouble(item)).build());
        }
        return counter.build();
    }
}
