package dev.gridha.manager.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import dev.gridha.manager.balancer.BackendState;
import dev.gridha.manager.balancer.BackendStatus;
import dev.gridha.manager.events.ManagerEvent;
import dev.gridha.manager.monitor.ContainerView;
import dev.gridha.probe.ProbeReading;

class StatusPageTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void eachContainerShowsItsRoleHeapTrendForecastAndRequests() {
        ContainerView a = new ContainerView("a", new ProbeReading(0, 300 * MIB, 200 * MIB, 1024 * MIB, 1, 1, 20, 30,
                0.1, 1000), true, true, false, "healthy: 20% of the heap in use", 7 * 1024.0, OptionalLong.of(95_000),
                List.of(100 * MIB, 150 * MIB, 200 * MIB));
        ContainerView b = new ContainerView("b", null, false, false, true, "probe silent", Double.NaN,
                OptionalLong.empty(), List.of());
        List<BackendStatus> backends = List.of(
                new BackendStatus("a", URI.create("http://127.0.0.1:1"), BackendState.ACTIVE, 3, 120, 0, 1234.5, 0.82),
                new BackendStatus("b", URI.create("http://127.0.0.1:2"), BackendState.DOWN, 0, 7, 1));

        String html = StatusPage.fragment(List.of(a, b), backends, List.of());

        assertThat(html).contains("<td class=\"active\">active</td>", "300 MiB / 1024 MiB", "+7.0 KiB/s",
                "full in 95 s", "<td class=\"num\">3</td>", "<td class=\"num\">1234.5</td>",
                "<td class=\"num\">0.82 ms</td>", "<td class=\"num\">120</td>", "<svg class=\"heap\"",
                "<td class=\"down\">down</td>", "<td class=\"dead\">dead</td>", "nothing yet");
        // only the serving container can be rejuvenated by hand; the page shows the button to its operator only
        assertThat(html).containsOnlyOnce("<button class=\"rejuvenate\"")
                .contains("<button class=\"rejuvenate\" data-container=\"a\">rejuvenate now</button>");
        assertThat(StatusPage.page(html)).contains("body.operator button.rejuvenate{display:inline}",
                "get('token')", "'X-Gridha-Token': token");
    }

    @Test
    void aContainerHostingReplicasShowsWhichGroupsItIsPrimaryOrBackupOf() {
        ProbeReading reading = new ProbeReading(0, 300 * MIB, 200 * MIB, 1024 * MIB, 1, 1, 20, 30, 0.1, 1000,
                List.of(new dev.gridha.probe.ReplicaRole("counter", "PRIMARY", 1),
                        new dev.gridha.probe.ReplicaRole("matchmaker", "PRIMARY", 1)));
        ContainerView a = new ContainerView("a", reading, true, true, false, "healthy", Double.NaN,
                OptionalLong.empty(), List.of());

        String html = StatusPage.fragment(List.of(a), List.of(new BackendStatus("a", URI.create("http://127.0.0.1:1"),
                BackendState.ACTIVE, 0, 0, 0)), List.of());

        assertThat(html).contains("<td class=\"active\">active (primary of counter, matchmaker)</td>");
    }

    @Test
    void eventsAreListedNewestFirstBoundedAndEscaped() {
        List<ManagerEvent> events = new ArrayList<>();
        for (int i = 0; i < StatusPage.EVENTS_SHOWN + 10; i++) {
            events.add(new ManagerEvent(Instant.ofEpochSecond(i), "a", "probe-silent", "event " + i));
        }
        events.add(new ManagerEvent(Instant.ofEpochSecond(3600), "a<b>", "crash", "<script>alert(1)</script>"));

        String html = StatusPage.fragment(List.of(), List.of(), events);

        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;", "a&lt;b&gt;",
                "01:00:00");
        assertThat(html.indexOf("&lt;script&gt;")).isLessThan(html.indexOf("event " + (StatusPage.EVENTS_SHOWN + 9)));
        assertThat(html).doesNotContain(">event 10<"); // older than the fifty shown
    }

    @Test
    void theSparklineIsScaledToTheMaximumHeap() {
        String svg = StatusPage.sparkline(List.of(0L, 50L, 100L), 100);

        // x across the width, y from the bottom (0) to the top edge (the maximum)
        assertThat(svg).contains("points=\"0.0,27.0 79.5,14.0 159.0,1.0\"");
        assertThat(StatusPage.sparkline(List.of(5L), 100)).isEqualTo("-");
    }
}
