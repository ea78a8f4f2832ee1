package dev.gridha.bench.rejuvenation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Calls the data service's {@code query} operation with a plain SOAP 1.1 POST (as any SOAP toolkit would), for
 * the rejuvenation act and benchmark: one call is a success only if it came back 200 with rows.
 */
public final class DataAccessClient {

    /** The data service's operation namespace. */
    static final String NAMESPACE = "urn:gridha:dataaccess";
    /** The usual query: ten rows of the demo table, ~0.4-0.6 ms of the service's time here. */
    public static final int DEFAULT_ROWS = 10;
    private static final String QUERY = "SELECT id, name, cpu_mhz FROM machines WHERE id BETWEEN 1 AND 10";
    /** Up to 10,000 rows (the demo table's 100 rows crossed with themselves), for heavier requests. */
    private static final String CROSS_QUERY = "SELECT a.id, a.name, b.cpu_mhz FROM machines a, machines b";
    /** The most rows a query may ask for (the data service's limit, and the cross join's size). */
    public static final int MAX_ROWS = 10_000;

    private final HttpClient http;
    private final URI endpoint;
    private final byte[] envelope;

    /** @param base where the data service's webapp is, such as {@code http://127.0.0.1:8080/dataaccess} */
    public DataAccessClient(HttpClient http, URI base) {
        this(http, base, DEFAULT_ROWS);
    }

    /**
     * A client whose query returns {@code rows} rows: the usual ten, or as many of the demo table crossed with
     * itself (a heavier request: the service's time grows with the rows it writes).
     */
    public DataAccessClient(HttpClient http, URI base, int rows) {
        if (rows < 1 || rows > MAX_ROWS) {
            throw new IllegalArgumentException("a query returns 1-" + MAX_ROWS + " rows, not " + rows);
        }
        this.http = http;
        this.endpoint = URI.create(base + "/services/DataAccess");
        this.envelope = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv="
                + "\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:da=\"" + NAMESPACE + "\"><soapenv:Body>"
                + "<da:query><da:sql>" + (rows == DEFAULT_ROWS ? QUERY : CROSS_QUERY) + "</da:sql><da:maxRows>" + rows
                + "</da:maxRows></da:query></soapenv:Body></soapenv:Envelope>").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * One query.
     *
     * @return null if it succeeded, else what went wrong (status and the start of the body, or the I/O error)
     */
    public String query() throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() == 200 && response.body().contains("queryResponse")) {
                return null;
            }
            String body = response.body();
            return "status " + response.statusCode() + ": " + body.substring(0, Math.min(200, body.length()));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
