package dev.gridha.client.faulttolerance;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A grid application's fault-tolerant view of one replicated service (the thesis's client stub, Fig. III.1,
 * with the request ids the thesis leaves out): every call gets this client's id and the next sequence
 * number in a header, and a call that fails because the primary is gone (connection refused or reset, the
 * webapp gone, a backup answering {@code state.not-primary}) is sent again, with the same number, to the
 * next replica until one answers as primary. The service answers a resubmission of a request it already
 * executed with the recorded result, so each call takes effect exactly once.
 *
 * <p>Give it to a gridha client through {@code ClientOptions.withFaultTolerance}; every port that client
 * makes (factory and resources alike) shares this object's id, numbering and idea of the primary. At most
 * {@link #WINDOW} calls are unanswered at once (callers beyond that wait), which is what lets the service
 * forget results older than that.
 */
public final class FaultTolerance {

    /** Calls unanswered at once; the service keeps each client's results for this many sequence numbers. */
    public static final int WINDOW = 256;

    private final List<URI> replicas;
    private final Duration giveUpAfter;
    private final Duration retryPause;
    private final String clientId;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger primary = new AtomicInteger();
    private final Semaphore unanswered = new Semaphore(WINDOW, true);
    private final AtomicLong resubmissions = new AtomicLong();
    /** When each replica last answered a call (System.nanoTime), so a late failure cannot move away from it. */
    private final AtomicLongArray lastAnswer;
    /** The newest primary epoch a reply has carried. */
    private final AtomicLong newestEpoch = new AtomicLong();
    /** Which replica answered the calling thread's last call through this object. */
    private final ThreadLocal<URI> answeredBy = new ThreadLocal<>();
    /** Completed (with the new primary's index) when a replica announces a take-over; then replaced. */
    private volatile java.util.concurrent.CompletableFuture<Integer> takeOver = new java.util.concurrent.CompletableFuture<>();
    /** The last announcement acted on, as replica and epoch, so the same one heard twice counts once. */
    private final java.util.concurrent.atomic.AtomicReference<long[]> lastAnnounced =
            new java.util.concurrent.atomic.AtomicReference<>(new long[] {-1, -1});
    private final AtomicLong notices = new AtomicLong();
    private volatile boolean watched;

    private FaultTolerance(List<URI> replicas, Duration giveUpAfter, Duration retryPause) {
        this.replicas = List.copyOf(replicas);
        if (this.replicas.isEmpty()) {
            throw new IllegalArgumentException("name at least one replica");
        }
        this.giveUpAfter = Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        this.retryPause = Objects.requireNonNull(retryPause, "retryPause");
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        this.clientId = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        this.lastAnswer = new AtomicLongArray(this.replicas.size());
    }

    /**
     * @param replicas each replica's base URI ({@code http://host:port/context}), in the group's order of
     *                 seniority; the first is tried first. Endpoint addresses under one replica's base are
     *                 moved to another's when it takes over.
     */
    public static FaultTolerance across(List<URI> replicas) {
        return new FaultTolerance(replicas.stream().map(FaultTolerance::withoutTrailingSlash).toList(),
                Duration.ofSeconds(30), Duration.ofMillis(25));
    }

    /** How long a call keeps trying replicas before it gives up with the last failure (default 30 s). */
    public FaultTolerance givingUpAfter(Duration limit) {
        return new FaultTolerance(replicas, limit, retryPause);
    }

    public String clientId() {
        return clientId;
    }

    /** Calls sent again after a failure so far. */
    public long resubmissions() {
        return resubmissions.get();
    }

    /** The replica that answered the calling thread's last successful call; empty before the first. */
    public Optional<URI> lastAnsweredBy() {
        return Optional.ofNullable(answeredBy.get());
    }

    void answeredBy(int replica) {
        answeredBy.set(replicas.get(replica));
        lastAnswer.set(replica, System.nanoTime());
    }

    /**
     * A reply carried {@code epoch}: whether to accept it. A reply from an epoch older than one already heard
     * comes from a deposed primary (one that missed a take-over) and is refused: its effects are not in the
     * group's history, so the call is sent again to the current primary.
     */
    boolean acceptEpoch(long epoch) {
        long newest = newestEpoch.accumulateAndGet(epoch, Math::max);
        return epoch >= newest;
    }

    /** The newest primary epoch a reply has carried (0 before the first reply from a failover group). */
    public long newestEpoch() {
        return newestEpoch.get();
    }

    /**
     * A replica announced that it took over as primary of {@code epoch} ({@link FailureWatch}): calls go to it
     * from now on, and calls in flight elsewhere are sent to it at once ({@link FaultTolerantPort}). An
     * announcement older than the newest epoch a reply carried is ignored, and so is the one just acted on
     * (pushed twice, or fetched from two pull points). Announcements are unsigned hints: one never raises the
     * epoch replies are checked against, and one never silences a later one, so a forged announcement costs
     * at most a call refused as not primary.
     */
    void tookOver(int replica, long epoch) {
        if (replica < 0 || replica >= replicas.size() || epoch < newestEpoch.get()) {
            return;
        }
        long[] previous = lastAnnounced.getAndSet(new long[] {replica, epoch});
        if (previous[0] == replica && previous[1] == epoch) {
            return;
        }
        notices.incrementAndGet();
        primary.set(replica);
        java.util.concurrent.CompletableFuture<Integer> announced = takeOver;
        takeOver = new java.util.concurrent.CompletableFuture<>();
        announced.complete(replica);
    }

    /** Completes when the next take-over is announced. */
    java.util.concurrent.CompletableFuture<Integer> nextTakeOver() {
        return takeOver;
    }

    /** Take-overs announced to this client so far (FAILURE notifications acted on). */
    public long takeOversAnnounced() {
        return notices.get();
    }

    /** A {@link FailureWatch} feeds this object: calls then race announcements (see {@link FaultTolerantPort}). */
    void watched() {
        watched = true;
    }

    boolean isWatched() {
        return watched;
    }

    /** The replica calls go to now. */
    public URI primary() {
        return replicas.get(primary.get());
    }

    List<URI> replicas() {
        return replicas;
    }

    Duration giveUpAfter() {
        return giveUpAfter;
    }

    Duration retryPause() {
        return retryPause;
    }

    /** The next call's header; the caller must {@link #answered()} when the call ends, however it ends. */
    RequestHeader nextCall() throws InterruptedException {
        unanswered.acquire();
        return new RequestHeader(clientId, sequence.incrementAndGet());
    }

    void answered() {
        unanswered.release();
    }

    int primaryIndex() {
        return primary.get();
    }

    /**
     * A call sent to the replica at {@code failed} at {@code sentNanos} found it gone or not primary: move on
     * to the next (once, if many notice), unless that replica has answered a call since the failed one was
     * sent (a backup's late "not primary" from before it took over must not send everyone away from it).
     */
    void failedOver(int failed, long sentNanos) {
        resubmissions.incrementAndGet();
        long answered = lastAnswer.get(failed);
        if (answered != 0 && answered - sentNanos > 0) {
            return;
        }
        primary.compareAndSet(failed, (failed + 1) % replicas.size());
    }

    /** {@code address} moved from the replica it is under to the one at {@code index}. */
    Optional<String> rebase(String address, int index) {
        for (URI base : replicas) {
            String prefix = base.toString();
            if (address.startsWith(prefix) && (address.length() == prefix.length()
                    || address.charAt(prefix.length()) == '/' || address.charAt(prefix.length()) == '?')) {
                return Optional.of(replicas.get(index) + address.substring(prefix.length()));
            }
        }
        return Optional.empty();
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}
