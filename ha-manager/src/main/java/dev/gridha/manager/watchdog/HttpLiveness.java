package dev.gridha.manager.watchdog;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

import dev.gridha.manager.rejuvenation.Readiness;

/**
 * The watchdog's check: a GET of a page the container serves without touching service state (the seed used
 * a static HTML page), answered 2xx or 3xx within the timeout. Also the readiness check of a restarted
 * container.
 */
public final class HttpLiveness implements Readiness {

    private final HttpClient http;
    private final Duration timeout;
    private final java.util.function.Function<String, URI> pages;

    /** @param pages the page to check for each container */
    public HttpLiveness(HttpClient http, Duration timeout, java.util.function.Function<String, URI> pages) {
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.pages = Objects.requireNonNull(pages, "pages");
    }

    /** Whether {@code page} answered in time with a 2xx or 3xx. */
    public boolean answers(URI page) throws InterruptedException {
        try {
            int status = http.send(HttpRequest.newBuilder(page).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 400;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public boolean ready(String container) {
        try {
            return answers(pages.apply(container));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
