package dev.gridha.launcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.gridha.launcher.group.FreePorts;
import dev.gridha.launcher.group.ManagedGroup;
import dev.gridha.manager.aging.AgingPolicy;
import dev.gridha.manager.balancer.BackendState;
import dev.gridha.manager.balancer.BackendStatus;
import dev.gridha.manager.events.ManagerEvent;

/**
 * {@code up --managed} for real: two container processes with the probe agent, the balancer and the manager.
 * With an aging threshold every container exceeds (2% of its heap), the serving one is rejuvenated under a
 * steady load without a failed request; then the serving one is SIGKILLed, and the watchdog has the standby
 * take over and the dead one restarted.
 */
class ManagedGroupIT {

    @TempDir
    Path folder;

    @Test
    void anAgingContainerIsRejuvenatedWithoutAFailedRequestAndAKilledOneIsReplaced() throws Exception {
        ManagedGroup.Settings settings = new ManagedGroup.Settings(2, FreePorts.tcp(), FreePorts.tcp(), "256m",
                Duration.ofMillis(500), new AgingPolicy(0.02, 6, Duration.ofSeconds(30), 2.0, 2), List.of());
        try (ManagedGroup group = ManagedGroup.start(settings, folder);
             Load load = new Load(group.front().resolve("/counter/services/counter?wsdl"))) {
            await("a rejuvenation").atMost(Duration.ofSeconds(120)).until(() -> kinds(group).contains("rejuvenated"));
            assertThat(load.answered.get()).as("requests answered through the rejuvenation").isPositive();
            assertThat(load.failed.get()).as("requests that failed during the rejuvenation: " + load.lastFailure)
                    .isZero();
            assertThat(group.manager().events().recent().stream().filter(e -> e.kind().equals("rejuvenated"))
                    .findFirst().orElseThrow().text()).contains("no request failed");

            await("no action under way").atMost(Duration.ofSeconds(120)).until(() -> !group.manager().busy());
            String serving = serving(group);
            group.process(serving).destroyForcibly(); // SIGKILL
            await("the dead container replaced").atMost(Duration.ofSeconds(120))
                    .until(() -> kinds(group).contains("recovered") || kinds(group).contains("crash")
                            && !serving(group).equals(serving));
            long answeredBefore = load.answered.get();
            await("requests served again").atMost(Duration.ofSeconds(30)).until(() -> load.answered.get()
                    > answeredBefore + 10);
            assertThat(kinds(group)).contains("watchdog", "crash");
            group.manager().events().recent().forEach(event -> System.out.println("ManagedGroupIT: " + event.at()
                    + " " + event.container() + " [" + event.kind() + "] " + event.text()));
            System.out.println("ManagedGroupIT: " + load.answered.get() + " answered, " + load.failed.get()
                    + " failed (all after the SIGKILL, before the watchdog's verdict)");
        }
    }

    private static List<String> kinds(ManagedGroup group) {
        return group.manager().events().recent().stream().map(ManagerEvent::kind).toList();
    }

    private static String serving(ManagedGroup group) {
        return group.manager().balancer().backends().stream().filter(b -> b.state() == BackendState.ACTIVE)
                .map(BackendStatus::id).findFirst().orElse("none");
    }

    /** A client calling through the balancer back to back, counting answers and failures. */
    private static final class Load implements AutoCloseable {
        final AtomicLong answered = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        volatile String lastFailure = "none";
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Load(URI target) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> response = client.send(HttpRequest.newBuilder(target)
                                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 200 && response.body().contains("definitions")) {
                            answered.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            lastFailure = "status " + response.statusCode();
                        }
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        lastFailure = e.toString();
                    }
                }
            }, "managed-load");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.interrupt();
            thread.join(5000);
        }
    }
}
