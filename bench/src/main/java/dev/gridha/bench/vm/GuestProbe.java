package dev.gridha.bench.vm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gridha.bench.rejuvenation.DataAccessClient;

/**
 * Looks at the guest from the host: its init's page (which boot it is, so a reboot is seen even when the data
 * service is slow to follow) and the data service itself (one query, as the benchmark's clients send).
 */
public final class GuestProbe {

    private static final Pattern BOOT_ID = Pattern.compile("boot=(\\S+)");
    private static final Duration POLL = Duration.ofMillis(100);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final URI page;
    private final URI dataAccess;
    private final DataAccessClient service;

    /**
     * @param page       the init's page, such as {@code http://127.0.0.1:18180/}
     * @param dataAccess the data service's webapp, such as {@code http://127.0.0.1:18181/dataaccess}
     */
    public GuestProbe(URI page, URI dataAccess) {
        this.page = page;
        this.dataAccess = dataAccess;
        this.service = new DataAccessClient(http, dataAccess);
    }

    /** The data service's webapp in the guest, as the host reaches it. */
    public URI dataAccess() {
        return dataAccess;
    }

    /** The boot id the guest's page shows; empty while it does not answer. */
    public Optional<String> bootId() throws InterruptedException {
        try {
            // a guest without its network yet leaves QEMU's port forward silent: a short timeout, not a hang
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(page).timeout(Duration.ofSeconds(1))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? parseBootId(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<String> parseBootId(String page) {
        Matcher matcher = BOOT_ID.matcher(page);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /**
     * Waits until the page shows a boot other than {@code previous} (any boot if null).
     *
     * @return the new boot's id, or empty if none answered within {@code limit}
     */
    public Optional<String> awaitBoot(String previous, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() - deadline < 0) {
            Optional<String> boot = bootId();
            if (boot.isPresent() && !boot.get().equals(previous)) {
                return boot;
            }
            Thread.sleep(POLL.toMillis());
        }
        return Optional.empty();
    }

    /**
     * Waits until one query to the data service succeeds; only ask once the guest's page answers (before its
     * network is up a query would wait out its 30 s timeout).
     *
     * @return whether it did within {@code limit}
     */
    public boolean awaitService(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (service.query() == null) {
                return true;
            }
            Thread.sleep(POLL.toMillis());
        }
        return false;
    }
}
