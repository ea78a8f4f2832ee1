package dev.gridha.container.failover.notification;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import dev.gridha.client.faulttolerance.FailureNotice;

/**
 * Sends one WS-BaseNotification {@code Notify} of a FAILURE notice to a consumer, as a plain HTTP POST of a
 * SOAP 1.1 envelope written from a template. The push runs right after a take-over, when the new primary's
 * cores are busiest (every client retrying, its request path compiling): building it with CXF and JAXB
 * cost 0.4-2 s there (bench run 4), the template costs microseconds, and the message on the wire is the same.
 */
final class NotifyPush {

    static final String NOTIFY_ACTION = "http://docs.oasis-open.org/wsn/bw-2/NotificationConsumer/Notify";

    private final HttpClient http;
    private final Duration timeout;

    NotifyPush(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * Posts the notice; returns normally when the consumer accepted it (2xx).
     *
     * @throws IllegalStateException if it could not be delivered
     */
    void send(String consumer, FailureNotice notice, String subscription) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(consumer))
                .timeout(timeout)
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"" + NOTIFY_ACTION + "\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope(consumer, notice, subscription)))
                .build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("the consumer answered HTTP " + response.statusCode());
        }
    }

    /** The Notify envelope: WS-Addressing headers, one NotificationMessage with the notice. */
    static String envelope(String consumer, FailureNotice notice, String subscription) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:wsa=\"http://www.w3.org/2005/08/addressing\""
                + " xmlns:wsnt=\"http://docs.oasis-open.org/wsn/b-2\" xmlns:f=\"" + FailureNotice.NAMESPACE + "\">"
                + "<s:Header><wsa:Action>" + NOTIFY_ACTION + "</wsa:Action>"
                + "<wsa:To>" + escape(consumer) + "</wsa:To>"
                + "<wsa:MessageID>urn:uuid:" + UUID.randomUUID() + "</wsa:MessageID></s:Header>"
                + "<s:Body><wsnt:Notify><wsnt:NotificationMessage>"
                + "<wsnt:SubscriptionReference><wsa:Address>" + escape(subscription)
                + "</wsa:Address></wsnt:SubscriptionReference>"
                + "<wsnt:Topic Dialect=\"http://docs.oasis-open.org/wsn/t-1/TopicExpression/Simple\">"
                + FailureNotice.TOPIC + "</wsnt:Topic>"
                + "<wsnt:Message><f:Failure><f:Group>" + escape(notice.group()) + "</f:Group>"
                + "<f:Epoch>" + notice.epoch() + "</f:Epoch><f:Primary>" + escape(notice.primary())
                + "</f:Primary></f:Failure></wsnt:Message>"
                + "</wsnt:NotificationMessage></wsnt:Notify></s:Body></s:Envelope>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
