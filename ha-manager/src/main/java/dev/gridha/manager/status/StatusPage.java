package dev.gridha.manager.status;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.gridha.manager.balancer.BackendState;
import dev.gridha.manager.balancer.BackendStatus;
import dev.gridha.manager.events.ManagerEvent;
import dev.gridha.manager.monitor.ContainerView;
import dev.gridha.probe.ProbeReading;

/**
 * The operator's page: each container's role in the balancer, heap and its trend (a sparkline of the live
 * heap), the forecast, requests in flight, and the event log, newest first. The page is a shell that fetches
 * the fragment again every two seconds, so it refreshes live without reloading. Opened at the operator's
 * address (with the server's token, {@link StatusServer#operatorAddress()}), the serving container's row
 * has a button that rejuvenates it now. Pure: renders what it is given.
 */
public final class StatusPage {

    /** How many events the page lists. */
    static final int EVENTS_SHOWN = 50;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private StatusPage() {
    }

    /** The whole page, with the fragment as it is now. */
    public static String page(String fragment) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>gridha HA manager</title>
                <style>
                body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
                table{border-collapse:collapse;margin-bottom:1.5em}
                th,td{border-bottom:1px solid #ddd;padding:.3em .7em;text-align:left;vertical-align:middle}
                th{background:#f3f3f3}
                td.num{text-align:right;font-variant-numeric:tabular-nums}
                .active{color:#0a7d27;font-weight:600}.standby{color:#1f5fb4}.draining{color:#b36b00}
                .down,.dead{color:#b00020;font-weight:600}
                #updated{color:#777;font-size:.9em}
                button.rejuvenate{display:none}body.operator button.rejuvenate{display:inline}
                </style></head>
                <body><h1>gridha HA manager</h1>
                <p id="updated">live: refreshed every 2 s</p>
                <p id="action"></p>
                <div id="status">%s</div>
                <script>
                async function refresh() {
                  try {
                    const answer = await fetch('status', {cache: 'no-store'});
                    if (answer.ok) {
                      document.getElementById('status').innerHTML = await answer.text();
                      document.getElementById('updated').textContent =
                          'live: refreshed ' + new Date().toLocaleTimeString();
                    }
                  } catch (e) {
                    document.getElementById('updated').textContent = 'the manager does not answer';
                  }
                }
                setInterval(refresh, 2000);
                // the operator's address carries the token that lets its buttons act
                const token = new URLSearchParams(location.search).get('token');
                if (token) {
                  document.body.classList.add('operator');
                }
                document.addEventListener('click', async event => {
                  const button = event.target.closest('button.rejuvenate');
                  if (!button || !token) {
                    return;
                  }
                  button.disabled = true;
                  try {
                    const answer = await fetch('actions/rejuvenate?container='
                        + encodeURIComponent(button.dataset.container),
                        {method: 'POST', cache: 'no-store', headers: {'X-Gridha-Token': token}});
                    document.getElementById('action').textContent = await answer.text();
                  } catch (e) {
                    document.getElementById('action').textContent = 'the manager does not answer';
                  }
                  refresh();
                });
                </script></body></html>
                """.formatted(fragment);
    }

    /** The tables: containers, then events. */
    /** A container's replicated deployments by role, e.g. " (primary of counter, matchmaker)"; "" if none. */
    static String replicaRoles(ProbeReading reading) {
        Map<String, List<String>> groupsByRole = new java.util.TreeMap<>();
        reading.replicas().forEach(replica -> groupsByRole.computeIfAbsent(replica.role().toLowerCase(Locale.ROOT)
                + " of", role -> new java.util.ArrayList<>()).add(replica.group()));
        if (groupsByRole.isEmpty()) {
            return "";
        }
        return Html.escape(groupsByRole.entrySet().stream().map(e -> e.getKey() + " " + String.join(", ", e.getValue()))
                .collect(Collectors.joining("; ", " (", ")")));
    }

    public static String fragment(List<ContainerView> containers, List<BackendStatus> backends,
                                  List<ManagerEvent> events) {
        Map<String, BackendStatus> byId = backends.stream().collect(Collectors.toMap(BackendStatus::id,
                Function.identity()));
        StringBuilder html = new StringBuilder();
        html.append("<h2>Containers</h2><table id=\"containers\"><tr><th>container</th><th>role</th><th>alive</th>"
                + "<th>heap used / max</th><th>live heap</th><th>trend</th><th>forecast</th><th>in flight</th>"
                + "<th>req/s</th><th>latency</th><th>served</th><th>failed</th><th>detector</th><th></th></tr>");
        for (ContainerView view : containers) {
            BackendStatus backend = byId.get(view.id());
            String role = backend == null ? "unknown" : backend.state().name().toLowerCase(Locale.ROOT);
            ProbeReading reading = view.reading();
            html.append("<tr data-container=\"").append(Html.escape(view.id())).append("\">")
                    .append("<td>").append(Html.escape(view.id())).append("</td>")
                    .append("<td class=\"").append(role).append("\">").append(role)
                    .append(reading == null ? "" : replicaRoles(reading)).append("</td>")
                    .append(view.dead() ? "<td class=\"dead\">dead</td>" : "<td>" + (view.alive() ? "yes" : "no")
                            + "</td>")
                    .append("<td class=\"num\">").append(reading == null ? "-" : mib(reading.heapUsed()) + " / "
                            + mib(reading.heapMax())).append("</td>")
                    .append("<td>").append(sparkline(view.liveHeapHistory(), reading == null ? 0 : reading.heapMax()))
                    .append("</td>")
                    .append("<td class=\"num\">").append(Double.isNaN(view.heapTrend()) ? "-"
                            : String.format(Locale.ROOT, "%+.1f KiB/s", view.heapTrend() / 1024)).append("</td>")
                    .append("<td class=\"num\">").append(view.exhaustionMillis().isPresent()
                            ? String.format(Locale.ROOT, "full in %.0f s", view.exhaustionMillis().getAsLong() / 1000.0)
                            : "-").append("</td>")
                    .append("<td class=\"num\">").append(backend == null ? "-" : backend.inFlight()).append("</td>")
                    .append("<td class=\"num\">").append(backend == null ? "-"
                            : String.format(Locale.ROOT, "%.1f", backend.requestsPerSecond())).append("</td>")
                    .append("<td class=\"num\">").append(backend == null || Double.isNaN(backend.latencyMillis()) ? "-"
                            : String.format(Locale.ROOT, "%.2f ms", backend.latencyMillis())).append("</td>")
                    .append("<td class=\"num\">").append(backend == null ? "-" : backend.served()).append("</td>")
                    .append("<td class=\"num\">").append(backend == null ? "-" : backend.failed()).append("</td>")
                    .append("<td>").append(Html.escape(view.assessment())).append("</td><td>")
                    .append(backend != null && backend.state() == BackendState.ACTIVE
                            ? "<button class=\"rejuvenate\" data-container=\"" + Html.escape(view.id())
                            + "\">rejuvenate now</button>" : "")
                    .append("</td></tr>");
        }
        html.append("</table><h2>Events</h2><table id=\"events\"><tr><th>time (UTC)</th><th>container</th>"
                + "<th>event</th><th>what happened</th></tr>");
        List<ManagerEvent> newestFirst = new ArrayList<>(events);
        Collections.reverse(newestFirst);
        for (ManagerEvent event : newestFirst.subList(0, Math.min(EVENTS_SHOWN, newestFirst.size()))) {
            html.append("<tr><td>").append(TIME.format(event.at())).append("</td><td>")
                    .append(Html.escape(event.container())).append("</td><td>").append(Html.escape(event.kind()))
                    .append("</td><td>").append(Html.escape(event.text())).append("</td></tr>");
        }
        if (events.isEmpty()) {
            html.append("<tr><td colspan=\"4\">nothing yet</td></tr>");
        }
        return html.append("</table>").toString();
    }

    /** An inline SVG line of the live heap, scaled to the maximum heap (the top edge is exhaustion). */
    static String sparkline(List<Long> history, long max) {
        if (history.size() < 2 || max <= 0) {
            return "-";
        }
        int width = 160;
        int height = 28;
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < history.size(); i++) {
            double x = (double) i * (width - 1) / (history.size() - 1);
            double y = height - 1 - Math.min(1.0, (double) history.get(i) / max) * (height - 2);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return "<svg class=\"heap\" width=\"" + width + "\" height=\"" + height + "\" role=\"img\" aria-label=\"live heap,"
                + " last " + history.size() + " readings\"><rect width=\"" + width + "\" height=\"" + height
                + "\" fill=\"#f7f7f7\"/><polyline fill=\"none\" stroke=\"#1f5fb4\" stroke-width=\"1.5\" points=\""
                + points.toString().strip() + "\"/></svg>";
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024));
    }
}
