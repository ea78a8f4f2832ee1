package dev.gridha.launcher.it;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gridha.launcher.group.ReplicaGroup;

/**
 * Brings replicas of a {@link ReplicaGroup} back while the test goes on killing, and tells which live ones
 * need it. Restarts run one at a time, in the order asked, each done when the primaries of both groups
 * (Counter and Matchmaker) have taken the replica in as a backup: one at a time keeps the order in which they
 * join, and so the order in which they become primary, the order of the requests. A live replica needs a
 * restart when it was deposed (it serves nothing until restarted) or has asked a primary to take it in for
 * longer than a join takes ({@link #STUCK}); a restarted one that gets stuck so is restarted again.
 */
final class ReplicaRestarts implements AutoCloseable {

    private static final List<String> GROUPS = List.of("counter", "matchmaker");
    private static final Pattern TAKEN_IN = Pattern.compile("of group (\\w+): took (\\S+) in as a backup");
    private static final Pattern ASKING = Pattern.compile("^(\\S+) \\|.* of group (\\w+): outside the primary's view");
    private static final Pattern DEPOSED = Pattern.compile("^(\\S+) \\|.*serving nothing until restarted");
    private static final Duration JOIN_LIMIT = Duration.ofSeconds(60);
    /** Asking to be taken in for this long, when a join takes a second or two: refused, and will be again. */
    static final Duration STUCK = Duration.ofSeconds(10);
    private static final int ATTEMPTS = 3;

    private final ExecutorService restarter = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "replica-restarts");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Future<?>> restarts = new CopyOnWriteArrayList<>();
    /** The groups whose primary took each replica in since it was last restarted. */
    private final Map<String, Set<String>> takenIn = new ConcurrentHashMap<>();
    /** Since when (System.nanoTime) a replica has asked to be taken into a group, by "replica group". */
    private final Map<String, Long> askingSince = new ConcurrentHashMap<>();
    private final Set<String> deposed = ConcurrentHashMap.newKeySet();
    private final Consumer<String> events;
    private final AtomicInteger restartedAgain = new AtomicInteger();

    /** @param events told of every restart done for a replica that could not rejoin */
    ReplicaRestarts(Consumer<String> events) {
        this.events = events;
    }

    /** Reads one line of a replica's output, as a {@link ReplicaGroup}'s line consumer gets it. */
    void record(String line) {
        Matcher joined = TAKEN_IN.matcher(line);
        if (joined.find()) {
            takenIn.computeIfAbsent(joined.group(2), id -> ConcurrentHashMap.newKeySet()).add(joined.group(1));
            askingSince.remove(joined.group(2) + " " + joined.group(1));
            return;
        }
        Matcher asking = ASKING.matcher(line);
        if (asking.find()) {
            askingSince.putIfAbsent(asking.group(1) + " " + asking.group(2), System.nanoTime());
            return;
        }
        Matcher gone = DEPOSED.matcher(line);
        if (gone.find()) {
            deposed.add(gone.group(1));
        }
    }

    /** Restarts {@code id} (killed) with {@code jvmOptions} once the restarts asked for before are done. */
    void restart(ReplicaGroup group, String id, List<String> jvmOptions) {
        restarts.add(restarter.submit(() -> {
            for (int attempt = 1; ; attempt++) {
                takenIn.put(id, ConcurrentHashMap.newKeySet());
                askingSince.keySet().removeIf(key -> key.startsWith(id + " "));
                deposed.remove(id);
                group.restart(id, jvmOptions);
                await(id + " taken in as a backup of both groups").atMost(JOIN_LIMIT)
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> takenIn.get(id).containsAll(GROUPS) || needingRestart(STUCK).contains(id));
                if (takenIn.get(id).containsAll(GROUPS)) {
                    return null;
                }
                if (attempt == ATTEMPTS) {
                    throw new IllegalStateException(id + " could not rejoin after " + ATTEMPTS + " restarts: "
                            + state());
                }
                restartedAgain.incrementAndGet();
                events.accept("restarting " + id + " again: it could not rejoin (" + state() + ")");
                group.replicas().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow().kill();
            }
        }));
    }

    /** Restarts done again because the restarted replica could not rejoin. */
    int restartedAgain() {
        return restartedAgain.get();
    }

    /** Whether every restart asked for so far is done. */
    boolean idle() {
        return restarts.stream().allMatch(Future::isDone);
    }

    /**
     * The live replicas that serve a group nothing until restarted: deposed, or asking to be taken in for
     * longer than {@code stuck} (a join takes a second or two).
     */
    List<String> needingRestart(Duration stuck) {
        List<String> ids = new ArrayList<>(deposed);
        askingSince.forEach((key, since) -> {
            String id = key.substring(0, key.indexOf(' '));
            if (System.nanoTime() - since > stuck.toNanos() && !ids.contains(id)) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** What keeps each replica that needs a restart from serving, for a failure's report. */
    String state() {
        return "deposed " + deposed + ", asking to join " + askingSince.keySet() + ", restarts done: " + idle();
    }

    /** Fails if a restart asked for so far has failed (the replica never served, or was never taken in). */
    void checkNoneFailed() throws InterruptedException {
        for (Future<?> restart : restarts) {
            if (restart.isDone()) {
                try {
                    restart.get();
                } catch (ExecutionException e) {
                    throw new AssertionError("a killed replica did not come back: " + e.getCause(), e.getCause());
                }
            }
        }
    }

    /** Waits until every restart asked for so far is done: every replica runs and is a backup again. */
    void awaitAll(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (Future<?> restart : restarts) {
            try {
                restart.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("a killed replica did not come back: " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                throw new AssertionError("the killed replicas were not all back within " + limit.toSeconds() + " s",
                        e);
            }
        }
    }

    /** Stops restarting; returns once no restart can launch another process. */
    @Override
    public void close() throws InterruptedException {
        restarter.shutdownNow();
        if (!restarter.awaitTermination(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("a replica restart did not stop within 30 s");
        }
    }
}
