package dev.gridha.client;

import java.time.Duration;
import java.util.Objects;

import dev.gridha.client.faulttolerance.FaultTolerance;

/**
 * How a gridha client talks HTTP. The defaults are the fast choice measured on loopback: CXF's
 * URLConnection-based conduit (CXF's default java.net.http conduit was 8-10x slower for small calls) with
 * request chunking off (chunked 10 kB requests cost about a millisecond more).
 *
 * @param urlConnectionConduit use CXF's URLConnection conduit instead of its java.net.http one
 * @param chunking             allow chunked request bodies
 * @param connectTimeout       how long to wait for a TCP connection
 * @param receiveTimeout       how long to wait for a reply once the request is sent
 * @param faultTolerance       number calls and fail over between the service's replicas; {@code null}: talk to
 *                             one endpoint
 */
public record ClientOptions(boolean urlConnectionConduit, boolean chunking, Duration connectTimeout,
                            Duration receiveTimeout, FaultTolerance faultTolerance) {

    public ClientOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(receiveTimeout, "receiveTimeout");
    }

    public ClientOptions(boolean urlConnectionConduit, boolean chunking, Duration connectTimeout,
                         Duration receiveTimeout) {
        this(urlConnectionConduit, chunking, connectTimeout, receiveTimeout, null);
    }

    /**
     * Calls through these options survive the primary's failure: numbered, resubmitted to the next replica,
     * executed exactly once ({@link FaultTolerance}).
     */
    public ClientOptions withFaultTolerance(FaultTolerance tolerance) {
        return new ClientOptions(urlConnectionConduit, chunking, connectTimeout, receiveTimeout,
                Objects.requireNonNull(tolerance, "tolerance"));
    }

    public static ClientOptions defaults() {
        return new ClientOptions(true, false, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /** CXF's out-of-the-box client transport, for comparison in benchmarks. */
    public static ClientOptions cxfDefaults() {
        return new ClientOptions(false, true, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    public ClientOptions withReceiveTimeout(Duration timeout) {
        return new ClientOptions(urlConnectionConduit, chunking, connectTimeout, timeout, faultTolerance);
    }

    /**
     * Configures any CXF JAX-WS proxy (one a gridha client does not wrap, such as a test or benchmark
     * service) with these options: conduit, chunking, timeouts, one request context per thread.
     */
    public <T> T applyTo(T port) {
        return Ports.configure(port, this, null);
    }
}
