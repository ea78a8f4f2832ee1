package dev.gridha.client.faulttolerance;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
            long deadline = System.nanoTime() + tolerance.giveUpAfter().toNanos();
            while (true) {
                int replica = tolerance.primaryIndex();
                tolerance.rebase(address, replica).ifPresent(target ->
                        ((BindingProvider) port).getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY,
                                target));
                CURRENT.set(header);
                long sent = System.nanoTime();
                try {
                    Object result = method.invoke(port, args);
                    OptionalLong epoch = replyEpoch();
                    if (epoch.isPresent() && !tolerance.acceptEpoch(epoch.getAsLong())) {
                        // a deposed primary's reply: not part of the group's history
                        if (System.nanoTime() - deadline > 0) {
                            throw new jakarta.xml.ws.WebServiceException("only a deposed primary (epoch "
                                    + epoch.getAsLong() + ") answered before the fault-tolerance budget ran out");
                        }
                        tolerance.failedOver(replica, sent);
                        Thread.sleep(tolerance.retryPause().toMillis());
                        continue;
                    }
                    tolerance.answeredBy(replica);
                    if (probed.compareAndSet(false, true)) {
                        probeTheOthers(method, args, replica);
                    }
                    return result;
                } catch (InvocationTargetException e) {
                    Throwable failure = e.getCause();
                    FailureKind kind = FailureKind.of(failure);
                    if (kind == FailureKind.FINAL || System.nanoTime() - deadline > 0) {
                        throw failure;
                    }
                    if (kind == FailureKind.NEXT_REPLICA) {
                        tolerance.failedOver(replica, sent);
                    }
                    Thread.sleep(tolerance.retryPause().toMillis());
                } finally {
                    CURRENT.remove();
                }
            }
        } finally {
            tolerance.answered();
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
