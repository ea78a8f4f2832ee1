package dev.gridha.launcher.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import dev.gridha.bench.rejuvenation.QueryLoad;
import dev.gridha.launcher.TextTable;
import dev.gridha.launcher.embedded.GridWars;
import dev.gridha.launcher.group.ManagedGroup;
import dev.gridha.manager.aging.AgingPolicy;
import dev.gridha.manager.events.ManagerEvent;

/**
 * The demo's aging act: the data service leaks on purpose (16 KiB per query, as the seed's Axis 1.2.1 leaked
 * per request) in two container processes behind the balancer; clients query it non-stop; the HA manager sees
 * the serving container's heap climb, forecasts its exhaustion, switches new requests to the standby, lets the
 * old one finish and restarts it. The act prints the manager's events and how many queries failed: none.
 */
final class AgingAct {

    private static final int CLIENTS = 2;
    /**
     * Slow enough that the container serving after the switch stays healthy while the old one restarts (~20 s
     * on a busy 2-core machine): at 32 KiB the new one neared exhaustion before that and died (seen in CI).
     */
    private static final int LEAK_BYTES_PER_QUERY = 16 << 10;
    private static final Duration LIMIT = Duration.ofMinutes(4);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final PrintStream out;

    AgingAct(PrintStream out) {
        this.out = out;
    }

    void run() {
        out.println("starting two container processes (256 MiB heaps, the data service leaking 16 KiB per query)"
                + " behind the balancer, with the HA manager probing each every second ...");
        ManagedGroup.Settings settings = new ManagedGroup.Settings(2, 0, 0, "256m",
                Duration.ofSeconds(1), new AgingPolicy(0.5, 10, Duration.ofSeconds(30), 2.0, 2),
                List.of("-Dgridha.dataaccess.leak-bytes-per-request=" + LEAK_BYTES_PER_QUERY));
        try (ManagedGroup group = ManagedGroup.start(settings, Files.createTempDirectory("gridha-demo-aging"))) {
            out.println("status page while it runs: " + group.statusPage());
            QueryLoad load = QueryLoad.start(URI.create(group.front() + GridWars.DATAACCESS), CLIENTS);
            try {
                long deadline = System.nanoTime() + LIMIT.toNanos();
                while (!rejuvenated(group) && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                }
            } finally {
                load.close();
            }
            TextTable events = new TextTable("time (UTC)", "container", "event", "what happened");
            for (ManagerEvent event : group.manager().events().recent()) {
                events.row(TIME.format(event.at()), event.container(), event.kind(), event.text());
            }
            events.print(out);
            out.printf(Locale.ROOT, "queries answered: %,d; failed: %d; longest time without an answer: %.2f s%n",
                    load.answered(), load.failed(), load.downtimeSeconds());
            if (!rejuvenated(group)) {
                throw new IllegalStateException("aging act: no rejuvenation within " + LIMIT.toMinutes() + " min");
            }
            if (load.failed() != 0) {
                throw new IllegalStateException("aging act: " + load.failed() + " queries failed during the"
                        + " rejuvenation (last: " + load.lastFailure() + ")");
            }
        } catch (IOException e) {
            throw new IllegalStateException("no temporary folder for the containers: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("aging act interrupted", e);
        }
    }

    private static boolean rejuvenated(ManagedGroup group) {
        return group.manager().events().recent().stream().anyMatch(event -> event.kind().equals("rejuvenated"));
    }
}
