package dev.gridha.client.faulttolerance;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.jws.WebService;
import jakarta.xml.ws.BindingProvider;

import org.apache.cxf.headers.Header;
import org.w3c.dom.Element;

/**
 * A JAX-WS port that numbers its calls and resubmits a failed one to the next replica
 * ({@link FaultTolerance}). Implements every interface the wrapped CXF port does, so the application keeps
 * calling the same service interface and may still treat it as a {@link BindingProvider}.
 */
public final class FaultTolerantPort implements InvocationHandler {

    /** The header of the call the current thread is making, for {@link RequestHeaderOutInterceptor}. */
    static final ThreadLocal<RequestHeader> CURRENT = new ThreadLocal<>();
    /** Set while the current thread sends a probe ({@link RequestHeader#PROBE}). */
    static final ThreadLocal<Boolean> PROBING = new ThreadLocal<>();

    /** Sends probes in the background; daemon, so it never keeps an application alive. */
    private static final ExecutorService PROBES =
            Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "gridha-ft-probe");
                thread.setDaemon(true);
                return thread;
            });

    /** Runs attempts while the caller waits for the first outcome or announcement (with a FailureWatch). */
    private static final ExecutorService ATTEMPTS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "gridha-ft-attempt");
        thread.setDaemon(true);
        return thread;
    });
    /** Attempts of one call in flight at once: a take-over announced again and again adds no more. */
    private static final int MAX_RACING_ATTEMPTS = 4;

    private final Object port;
    private final FaultTolerance tolerance;
    private final String address;
    private final AtomicBoolean probed = new AtomicBoolean();

    private FaultTolerantPort(Object port, FaultTolerance tolerance, String address) {
        this.port = port;
        this.tolerance = tolerance;
        this.address = address;
    }

    /**
     * @param port    a configured CXF port whose request context is per thread
     * @param address where the port sends its calls now (under one of the replicas' bases)
     */
    @SuppressWarnings("unchecked")
    public static <T> T wrap(T port, FaultTolerance tolerance, String address) {
        Objects.requireNonNull(port, "port");
        return (T) Proxy.newProxyInstance(port.getClass().getClassLoader(), port.getClass().getInterfaces(),
                new FaultTolerantPort(port, Objects.requireNonNull(tolerance, "tolerance"),
                        Objects.requireNonNull(address, "address")));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (!method.getDeclaringClass().isAnnotationPresent(WebService.class)) {
            return direct(method, args); // BindingProvider, Closeable, Object
        }
        RequestHeader header = tolerance.nextCall();
        try {
            return call(method, args, header);
        } finally {
            tolerance.answered();
        }
    }

    /** What one attempt at one replica came to: a result (with the epoch its reply carried) or a failure. */
    private record Attempt(int replica, long sentNanos, Object result, Object[] args, OptionalLong epoch,
                           Throwable failure) {
    }

    /**
     * Sends the call to the primary until one answers as the group's current primary. Without a {@link
     * FailureWatch} each attempt runs on the caller's thread, one after the other. With one, each runs on a
     * thread of its own and the caller waits for the first of: an attempt's outcome, or a take-over
     * announcement, which sends the call to the new primary at once while the earlier attempts go on; the
     * first success wins (the service runs the call once whichever copy arrives first, and answers the others
     * with its result).
     */
    private Object call(Method method, Object[] args, RequestHeader header) throws Throwable {
        long deadline = System.nanoTime() + tolerance.giveUpAfter().toNanos();
        boolean racing = tolerance.isWatched();
        List<CompletableFuture<Attempt>> running = new ArrayList<>();
        while (true) {
            CompletableFuture<Integer> announced = tolerance.nextTakeOver();
            int replica = tolerance.primaryIndex();
            Attempt done;
            if (racing) {
                if (running.size() < MAX_RACING_ATTEMPTS) {
                    Object[] own = withFreshHolders(args);
                    running.add(CompletableFuture.supplyAsync(() -> attempt(method, own, header, replica), ATTEMPTS));
                }
                done = firstOf(running, announced, deadline);
                if (done == null) {
                    continue; // a take-over was announced: send the call there now
                }
            } else {
                done = attempt(method, args, header, replica);
            }
            if (done.failure() == null) {
                if (done.epoch().isPresent() && !tolerance.acceptEpoch(done.epoch().getAsLong())) {
                    // a deposed primary's reply: not part of the group's history
                    if (System.nanoTime() - deadline > 0) {
                        throw new jakarta.xml.ws.WebServiceException("only a deposed primary (epoch "
                                + done.epoch().getAsLong() + ") answered before the fault-tolerance budget ran out");
                    }
                    tolerance.failedOver(done.replica(), done.sentNanos());
                    Thread.sleep(tolerance.retryPause().toMillis());
                    continue;
                }
                tolerance.answeredBy(done.replica());
                if (probed.compareAndSet(false, true)) {
                    probeTheOthers(method, args, done.replica());
                }
                if (racing) {
                    copyHolders(done.args(), args);
                }
                return done.result();
            }
            FailureKind kind = FailureKind.of(done.failure());
            if (kind == FailureKind.FINAL || System.nanoTime() - deadline > 0) {
                throw done.failure();
            }
            if (kind == FailureKind.NEXT_REPLICA) {
                tolerance.failedOver(done.replica(), done.sentNanos());
            }
            Thread.sleep(tolerance.retryPause().toMillis());
        }
    }

    /** One attempt at {@code replica}, on the calling thread (whose request and response context it uses). */
    private Attempt attempt(Method method, Object[] args, RequestHeader header, int replica) {
        tolerance.rebase(address, replica).ifPresent(target ->
                ((BindingProvider) port).getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, target));
        CURRENT.set(header);
        long sent = System.nanoTime();
        try {
            Object result = method.invoke(port, args);
            return new Attempt(replica, sent, result, args, replyEpoch(), null);
        } catch (InvocationTargetException e) {
            return new Attempt(replica, sent, null, args, OptionalLong.empty(), e.getCause());
        } catch (IllegalAccessException | RuntimeException e) {
            return new Attempt(replica, sent, null, args, OptionalLong.empty(), e);
        } finally {
            CURRENT.remove();
        }
    }

    /**
     * The first attempt to finish (a success before a failure if several have), taken out of {@code running};
     * null if a take-over was announced first.
     */
    private static Attempt firstOf(List<CompletableFuture<Attempt>> running, CompletableFuture<Integer> announced,
                                   long deadline) throws InterruptedException, java.util.concurrent.ExecutionException {
        List<CompletableFuture<?>> waitedFor = new ArrayList<>(running);
        waitedFor.add(announced);
        try {
            CompletableFuture.anyOf(waitedFor.toArray(CompletableFuture[]::new))
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new jakarta.xml.ws.WebServiceException("no replica answered within the fault-tolerance budget");
        }
        CompletableFuture<Attempt> finished = null;
        for (CompletableFuture<Attempt> attempt : running) {
            if (attempt.isDone() && (finished == null || attempt.join().failure() == null)) {
                finished = attempt;
            }
        }
        if (finished == null) {
            return null;
        }
        running.remove(finished);
        return finished.join();
    }

    /** The winning attempt's out parameters, into the caller's holders. */
    @SuppressWarnings("unchecked")
    private static void copyHolders(Object[] from, Object[] to) {
        if (from == null || to == null) {
            return;
        }
        for (int i = 0; i < to.length; i++) {
            if (to[i] instanceof jakarta.xml.ws.Holder<?> target && from[i] instanceof jakarta.xml.ws.Holder<?> source) {
                ((jakarta.xml.ws.Holder<Object>) target).value = source.value;
            }
        }
    }

    /**
     * Pre-binds the other replicas (the thesis's backups pre-bound to the senior), once per port: the same
     * call as a probe, which each replica takes in and refuses unexecuted. A backup's first request otherwise
     * costs it hundreds of milliseconds of class loading and lazy set-up, paid at the worst moment: right
     * after it takes over.
     */
    private void probeTheOthers(Method method, Object[] args, int answered) {
        for (int replica = 0; replica < tolerance.replicas().size(); replica++) {
            if (replica == answered) {
                continue;
            }
            int target = replica;
            Object[] probeArgs = withFreshHolders(args);
            PROBES.execute(() -> tolerance.rebase(address, target).ifPresent(probeAddress -> {
                ((BindingProvider) port).getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY,
                        probeAddress);
                PROBING.set(Boolean.TRUE);
                try {
                    method.invoke(port, probeArgs);
                } catch (ReflectiveOperationException | RuntimeException refusedAsExpected) {
                    // refused (a probe never runs) or unreachable: either way nothing happened there
                } finally {
                    PROBING.remove();
                }
            }));
        }
    }

    /** The call's arguments with new out parameters, so a probe never touches the caller's. */
    private static Object[] withFreshHolders(Object[] args) {
        if (args == null) {
            return null;
        }
        Object[] copy = args.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] instanceof jakarta.xml.ws.Holder<?>) {
                copy[i] = new jakarta.xml.ws.Holder<>();
            }
        }
        return copy;
    }

    /** The primary's epoch the last reply on this thread carried, if it came from a failover group. */
    private OptionalLong replyEpoch() {
        Object headers = ((BindingProvider) port).getResponseContext().get(Header.HEADER_LIST);
        if (headers instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Header header && RequestHeader.EPOCH.equals(header.getName())
                        && header.getObject() instanceof Element element) {
                    try {
                        return OptionalLong.of(Long.parseLong(element.getTextContent().strip()));
                    } catch (NumberFormatException malformed) {
                        return OptionalLong.empty();
                    }
                }
            }
        }
        return OptionalLong.empty();
    }

    private Object direct(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(port, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
