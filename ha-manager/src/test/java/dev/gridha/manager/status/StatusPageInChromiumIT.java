package dev.gridha.manager.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import dev.gridha.manager.HaManager;
import dev.gridha.manager.aging.AgingPolicy;
import dev.gridha.manager.balancer.PoolBalancer;
import dev.gridha.manager.events.EventLog;
import dev.gridha.manager.monitor.ContainerMonitor;
import dev.gridha.manager.rejuvenation.RejuvenationCoordinator;
import dev.gridha.probe.ProbeReading;

/**
 * The operator's page in a real browser (Debian's headless Chromium through chromedriver): it shows each
 * container's role and heap and, without being reloaded, follows a rejuvenation that swaps the roles. The
 * screenshot it takes is the one kept in docs/status-page.png.
 */
class StatusPageInChromiumIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final long MIB = 1024 * 1024;

    private final PoolBalancer balancer = new PoolBalancer();
    private final EventLog events = new EventLog(Clock.systemUTC(), 100);
    private final Map<String, Long> heap = new ConcurrentHashMap<>(Map.of("dataaccess-1", 300 * MIB,
            "dataaccess-2", 120 * MIB));
    private final Map<String, AtomicLong> uptime = new ConcurrentHashMap<>(Map.of("dataaccess-1", new AtomicLong(),
            "dataaccess-2", new AtomicLong()));
    private HaManager manager;
    private StatusServer server;
    private ChromeDriver browser;

    @BeforeAll
    static void chromiumIsInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "Debian's chromium and chromium-driver are not installed: ./gridha test installs them as root");
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (manager != null) {
            manager.close();
        }
    }

    /** Two containers behind the balancer, the first one leaking, the manager and its page. */
    private void startManagerAndPage() throws Exception {
        balancer.add("dataaccess-1", URI.create("http://127.0.0.1:8081"));
        balancer.add("dataaccess-2", URI.create("http://127.0.0.1:8082"));
        balancer.activate("dataaccess-1");
        Set<String> alive = ConcurrentHashMap.newKeySet();
        alive.addAll(heap.keySet());
        AgingPolicy policy = new AgingPolicy(0.5, 6, Duration.ofSeconds(30), 2.0, 2);
        List<ContainerMonitor> monitors = new ArrayList<>();
        for (String id : List.of("dataaccess-1", "dataaccess-2")) {
            monitors.add(new ContainerMonitor(id, () -> new ProbeReading(0, heap.get(id) + 40 * MIB, heap.get(id),
                    1024 * MIB, 3, 40, 42, 97, 0.2, uptime.get(id).addAndGet(5000)), alive::contains, policy, 3, events));
        }
        manager = new HaManager(balancer, monitors, new RejuvenationCoordinator(balancer, alive::contains, container -> {
            heap.put(container, 110 * MIB);
            uptime.get(container).set(0);
        }, (condition, limit) -> condition.getAsBoolean(), events, RejuvenationCoordinator.Limits.DEFAULT,
                System::nanoTime), events);
        for (int i = 0; i < 4; i++) { // a leak: dataaccess-1's live heap climbs
            heap.merge("dataaccess-1", 40 * MIB, Long::sum);
            manager.tick();
        }
        server = StatusServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                () -> StatusPage.fragment(manager.views(), balancer.backends(), events.recent()),
                () -> ManagerMetrics.text(manager.views(), balancer.backends(), events.recent()), manager::rejuvenateNow);
        browser = chromium();
    }

    @Test
    void anOperatorsClickRejuvenatesTheServingContainerAndOnlyTheOperatorsPageHasTheButton() throws Exception {
        startManagerAndPage();
        browser.get(server.address().toString());
        assertThat(browser.findElement(By.cssSelector("button.rejuvenate")).isDisplayed())
                .as("the button on the page without the token").isFalse();

        browser.get(server.operatorAddress().toString());
        assertThat(role("dataaccess-1")).isEqualTo("active");
        click(By.cssSelector("tr[data-container='dataaccess-1'] button.rejuvenate"));

        await().atMost(Duration.ofSeconds(10)).until(() -> role("dataaccess-2").equals("active"));
        assertThat(text(By.id("action"))).isEqualTo("rejuvenation of dataaccess-1 started");
        assertThat(text(By.id("events"))).contains("an operator asked for a rejuvenation", "rejuvenated");
    }

    @Test
    void thePageShowsEachContainerAndFollowsARejuvenationWithoutReloading() throws Exception {
        startManagerAndPage();
        browser.get(server.address().toString());
        assertThat(role("dataaccess-1")).isEqualTo("active");
        assertThat(role("dataaccess-2")).isEqualTo("standby");
        assertThat(browser.findElements(By.cssSelector("svg.heap"))).hasSize(2);

        heap.put("dataaccess-1", 600 * MIB); // past 50% twice in a row: the manager rejuvenates it
        manager.tick();
        manager.tick();
        // the page is not reloaded: its script fetches the fragment again every 2 s
        await().atMost(Duration.ofSeconds(10)).until(() -> role("dataaccess-2").equals("active"));
        assertThat(role("dataaccess-1")).isEqualTo("standby");
        assertThat(text(By.id("events"))).contains("rejuvenated", "no request failed");

        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        assertThat(Files.readAllBytes(shot)).startsWith(0x89, 'P', 'N', 'G');
        Files.createDirectories(Path.of("target"));
        Files.copy(shot, Path.of("target", "status-page.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private String role(String container) {
        return text(By.cssSelector("tr[data-container='" + container + "'] td:nth-child(2)"));
    }

    /** Clicks an element, found again if the page replaced it meanwhile. */
    private void click(By element) {
        for (int attempt = 1; ; attempt++) {
            try {
                browser.findElement(element).click();
                return;
            } catch (StaleElementReferenceException replaced) {
                if (attempt == 10) {
                    throw replaced;
                }
            }
        }
    }

    /** An element's text; the page replaces its tables every 2 s, so an element found may be gone a moment later. */
    private String text(By element) {
        for (int attempt = 1; ; attempt++) {
            try {
                return browser.findElement(element).getText();
            } catch (StaleElementReferenceException replaced) {
                if (attempt == 10) {
                    throw replaced;
                }
            }
        }
    }

    private static ChromeDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--window-size=1400,700");
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort().build();
        return new ChromeDriver(driver, options);
    }
}
