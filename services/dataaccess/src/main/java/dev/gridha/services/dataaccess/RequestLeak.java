package dev.gridha.services.dataaccess;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A deliberate memory leak that makes this service an aging container for the rejuvenation manager: every
 * {@code query} request, refused or not, retains {@code gridha.dataaccess.leak-bytes-per-request} bytes
 * (default 0, off; the demo uses 65536) in a static holder that is never released, a fixed amount per
 * request as in the Axis 1.2.1 leak the thesis measured. Only restarting the web application (a new class
 * loader) or the JVM gives the memory back, which is what rejuvenation does.
 */
public final class RequestLeak {

    // static on purpose: the leak outlives every request and every service object
    private static final Queue<byte[]> RETAINED = new ConcurrentLinkedQueue<>();
    private static final AtomicLong HELD_BYTES = new AtomicLong();
    private static final AtomicLong LEAKED_REQUESTS = new AtomicLong();

    private final int bytesPerRequest;

    public RequestLeak(int bytesPerRequest) {
        this.bytesPerRequest = bytesPerRequest;
    }

    /** Called once per query request; retains the configured bytes, or nothing when the leak is off. */
    public void onRequest() {
        if (bytesPerRequest == 0) {
            return;
        }
        RETAINED.add(new byte[bytesPerRequest]);
        HELD_BYTES.addAndGet(bytesPerRequest);
        LEAKED_REQUESTS.incrementAndGet();
    }

    public LeakStatus status() {
        return new LeakStatus(bytesPerRequest, HELD_BYTES.get(), LEAKED_REQUESTS.get());
    }

    public boolean isOn() {
        return bytesPerRequest > 0;
    }

    public int bytesPerRequest() {
        return bytesPerRequest;
    }
}
