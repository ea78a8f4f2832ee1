package dev.gridha.container.failover.zookeeper;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gridha.container.failover.FailoverTiming;
import dev.gridha.container.failover.Membership;
import dev.gridha.container.failover.ReplicaView;
import dev.gridha.container.failover.RoleTransition;
import dev.gridha.container.replication.socket.SharedSecret;

/**
 * {@code zookeeper} membership at work: a {@link ZooKeeperElection} fed with what the group's znodes hold
 * ({@link GroupZnodes}), its view changes written as compare-and-set. ZooKeeper is the failure detector (a
 * replica's session expires when it stops pinging) and the arbiter (one write per epoch wins), so no two
 * replicas are ever primary of the same epoch, and a primary cut off from the ensemble stops serving before
 * its session can expire and a backup take over: it pauses as soon as its connection is suspended (after two
 * thirds of the session timeout without an answer), and is deposed when the session is lost.
 *
 * <p>Decisions run on one thread, woken by ZooKeeper's watches and by a timer (every heartbeat interval, for
 * the startup grace and as a safety net); role changes go to the {@link Membership.Listener} on a second
 * thread, in order. A primary records every change of its view before it returns from {@link #backupFailed}
 * and {@link #backupJoined}, so the recorded view never lists fewer backups than hold its updates.
 */
public final class ZooKeeperMembership implements Membership {

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperMembership.class);
    /** Role changes, under one name an operator can turn on alone. */
    private static final Logger FAILOVER = LoggerFactory.getLogger("dev.gridha.failover");
    /** How many compare-and-set rounds one decision tries before waiting for the next wake-up. */
    private static final int MAX_ROUNDS = 8;

    /**
     * @param group      the replica group
     * @param self       this replica's id
     * @param configured the configured replica list (the first is the first primary)
     * @param joining    this replica joins a running group instead of taking its place in the list
     */
    public record Config(String group, String self, List<String> configured, ZooKeeperSettings zookeeper,
                         FailoverTiming timing, SharedSecret secret, boolean joining) {
        public Config {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(self, "self");
            configured = List.copyOf(configured);
            Objects.requireNonNull(zookeeper, "zookeeper");
            Objects.requireNonNull(timing, "timing");
            Objects.requireNonNull(secret, "secret");
            if (!configured.contains(self)) {
                throw new IllegalArgumentException(self + " is not in the replica list " + configured);
            }
        }

        boolean startsAsPrimary() {
            return !joining && configured.get(0).equals(self);
        }
    }

    private final Config config;
    private final Listener listener;
    private final GroupZnodes znodes;
    private final CuratorFramework client;
    private final ZooKeeperElection election;
    private final ScheduledExecutorService decisions;
    private final ExecutorService events;
    private final CuratorWatcher wake;
    private volatile RecordedView recorded;
    private volatile boolean primary;
    private volatile boolean member;
    private volatile boolean paused;
    private volatile boolean closed;
    /** Per joiner, the join request (session and version) last passed on, so each is acted on once. */
    private final Map<String, String> joinsPassedOn = new HashMap<>();

    private ZooKeeperMembership(Config config, Listener listener, CuratorFramework client, long session) {
        this.config = config;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.znodes = new GroupZnodes(config.group());
        this.client = client;
        this.election = new ZooKeeperElection(config.self(), session, config.startsAsPrimary(), config.joining(),
                System.nanoTime() + config.timing().startupGrace().toNanos());
        this.primary = election.isPrimary();
        this.decisions = Executors.newSingleThreadScheduledExecutor(daemon("gridha-zookeeper-" + config.group()));
        this.events = Executors.newSingleThreadExecutor(daemon("gridha-failover-events-" + config.group()));
        this.wake = event -> reconsiderSoon();
        this.recorded = RecordedView.initial(config.configured());
    }

    /**
     * Whether a replica starting now must join its group rather than take its configured place: the group
     * has recorded a view, and this replica's place in it is held by an earlier process (it was restarted)
     * or it has none (the group moved on without it).
     *
     * @throws IllegalStateException if the ensemble cannot be reached
     */
    public static boolean mustJoin(ZooKeeperSettings settings, SharedSecret secret, String group, String self) {
        try (CuratorFramework client = GroupZnodes.connect(settings, secret)) {
            awaitConnection(client, settings);
            byte[] data = client.getData().forPath(new GroupZnodes(group).view());
            return !RecordedView.decode(data).unclaimed(self);
        } catch (KeeperException.NoNodeException e) {
            return false; // a new group
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read group " + group + "'s view from ZooKeeper at "
                    + settings.connect() + ": " + e, e);
        }
    }

    /**
     * Connects to the ensemble, registers this replica as live and starts deciding.
     *
     * @throws IllegalStateException if the ensemble cannot be reached
     */
    public static ZooKeeperMembership start(Config config, Listener listener) {
        CuratorFramework client = GroupZnodes.connect(config.zookeeper(), config.secret());
        try {
            awaitConnection(client, config.zookeeper());
            long session = client.getZookeeperClient().getZooKeeper().getSessionId();
            ZooKeeperMembership membership = new ZooKeeperMembership(config, listener, client, session);
            membership.registerLive(session);
            if (!config.joining()) {
                membership.recordInitialView();
            }
            client.getConnectionStateListenable().addListener((c, state) -> membership.connectionChanged(state));
            long interval = config.timing().heartbeatInterval().toNanos();
            membership.decisions.scheduleWithFixedDelay(membership::reconsider, 0, interval, TimeUnit.NANOSECONDS);
            return membership;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        } catch (Exception e) {
            client.close();
            throw new IllegalStateException("cannot join group " + config.group() + " in ZooKeeper at "
                    + config.zookeeper().connect() + ": " + e, e);
        }
    }

    private static void awaitConnection(CuratorFramework client, ZooKeeperSettings settings)
            throws InterruptedException {
        long wait = Math.max(5_000, settings.sessionTimeout().toMillis() * 2);
        if (!client.blockUntilConnected((int) wait, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("ZooKeeper at " + settings.connect() + " did not answer within "
                    + wait + " ms");
        }
    }

    private void registerLive(long session) throws Exception {
        try {
            client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL)
                    .forPath(znodes.live(session), config.self().getBytes(StandardCharsets.UTF_8));
        } catch (KeeperException.NodeExistsException e) {
            // registered already in this session
        }
    }

    private void recordInitialView() throws Exception {
        try {
            client.create().creatingParentsIfNeeded().forPath(znodes.view(),
                    RecordedView.initial(config.configured()).encode());
        } catch (KeeperException.NodeExistsException e) {
            // another replica of the list recorded it first (the same list), or the group runs already
        }
    }

    private void reconsiderSoon() {
        onDecisionThread(this::reconsider);
    }

    /** Runs {@code task} on the decision thread, unless this membership is closed (then nothing is decided). */
    private void onDecisionThread(Runnable task) {
        if (closed) {
            return;
        }
        try {
            decisions.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException closedMeanwhile) {
            // closed between the check and the call
        }
    }

    /** On the decision thread: reads the group, lets the election decide, writes what it asks for. */
    private void reconsider() {
        if (closed) {
            return;
        }
        try {
            for (int round = 0; round < MAX_ROUNDS; round++) {
                Stat stat = new Stat();
                byte[] data;
                try {
                    data = client.getData().storingStatIn(stat).usingWatcher(wake).forPath(znodes.view());
                } catch (KeeperException.NoNodeException e) {
                    return; // nothing recorded yet: a joiner waits for the group's first replica
                }
                RecordedView read = RecordedView.decode(data);
                Set<Long> live = liveSessions();
                ZooKeeperElection.Outcome outcome = election.observe(read, live, System.nanoTime());
                publish(read);
                report(outcome.transition(), read.view());
                if (outcome.write().isEmpty()) {
                    if (election.isPrimary() && !paused) {
                        passOnJoinRequests(read, live);
                    }
                    return;
                }
                if (write(outcome.write().get(), stat.getVersion())) {
                    FAILOVER.info("{}: recorded {} for group {}", config.self(), outcome.write().get(), config.group());
                }
            }
        } catch (IllegalArgumentException e) {
            // not a view this version wrote: nothing is decided until an operator repairs it
            String problem = e.getMessage();
            if (!problem.equals(lastProblem)) {
                lastProblem = problem;
                LOG.error("{}: group {}'s view in ZooKeeper is unreadable, deciding nothing: {}", config.self(),
                        config.group(), problem);
            }
        } catch (Exception e) {
            if (!closed) {
                LOG.debug("{}: cannot read group {} from ZooKeeper now: {}", config.self(), config.group(), e.toString());
            }
        }
    }

    /** The last unreadable-view problem logged, so it is logged once, not every interval. */
    private String lastProblem;

    private boolean write(RecordedView view, int version) throws Exception {
        try {
            client.setData().withVersion(version).forPath(znodes.view(), view.encode());
            return true;
        } catch (KeeperException.BadVersionException e) {
            return false; // someone else changed it first: read again
        }
    }

    private Set<Long> liveSessions() throws Exception {
        Set<Long> live = new HashSet<>();
        for (String child : client.getChildren().usingWatcher(wake).forPath(znodes.live())) {
            try {
                live.add(Long.parseUnsignedLong(child, 16));
            } catch (NumberFormatException e) {
                LOG.warn("group {}: ignoring live node '{}' (not a session)", config.group(), child);
            }
        }
        return live;
    }

    private void publish(RecordedView read) {
        recorded = read;
        primary = election.isPrimary();
        member = election.isMember();
    }

    private void report(RoleTransition transition, ReplicaView view) {
        if (transition == RoleTransition.NONE) {
            return;
        }
        FAILOVER.info("{}: {} in {}", config.self(), transition.name().toLowerCase(java.util.Locale.ROOT), view);
        events.execute(() -> {
            switch (transition) {
                case PROMOTED -> listener.promoted(view);
                case FOLLOWING -> listener.following(view);
                case EXCLUDED -> listener.excluded(view);
                case DEPOSED -> listener.deposed(view);
                default -> { }
            }
        });
    }

    /** On the decision thread, as primary: tells the listener of each new request to be taken in. */
    private void passOnJoinRequests(RecordedView read, Set<Long> live) throws Exception {
        List<String> joiners;
        try {
            joiners = client.getChildren().usingWatcher(wake).forPath(znodes.join());
        } catch (KeeperException.NoNodeException e) {
            return;
        }
        for (String child : joiners) {
            String replica = java.net.URLDecoder.decode(child, StandardCharsets.UTF_8);
            Stat stat = new Stat();
            long session;
            try {
                session = Long.parseUnsignedLong(new String(client.getData().storingStatIn(stat)
                        .usingWatcher(wake).forPath(znodes.join(replica)), StandardCharsets.UTF_8), 16);
            } catch (KeeperException.NoNodeException | NumberFormatException e) {
                continue;
            }
            String request = Long.toHexString(session) + "/" + stat.getVersion();
            if (!config.configured().contains(replica) || replica.equals(config.self()) || !live.contains(session)
                    || read.heldBy(replica, session) || request.equals(joinsPassedOn.get(replica))) {
                continue;
            }
            joinsPassedOn.put(replica, request);
            events.execute(() -> {
                if (!recorded.heldBy(replica, session)) { // taken in meanwhile through an earlier request
                    listener.joinRequested(replica);
                }
            });
        }
    }

    /** Curator's connection events: a primary pauses while cut off and is deposed when its session is lost. */
    private void connectionChanged(ConnectionState state) {
        switch (state) {
            case SUSPENDED -> {
                if (primary && !paused) {
                    paused = true;
                    FAILOVER.warn("{}: lost ZooKeeper; pausing until it is back (a backup takes over if it does"
                            + " not come back within the session timeout)", config.self());
                    events.execute(listener::paused);
                }
            }
            case LOST -> onDecisionThread(() -> {
                report(election.sessionLost(), recorded.view());
                publish(recorded);
            });
            case RECONNECTED -> onDecisionThread(this::reconnected);
            default -> { }
        }
    }

    /** On the decision thread: a new session means a new live node and, for the election, a new identity. */
    private void reconnected() {
        try {
            long session = client.getZookeeperClient().getZooKeeper().getSessionId();
            if (session != election.session()) {
                report(election.sessionReplaced(session), recorded.view());
                registerLive(session);
            }
            reconsider();
            if (paused && election.isPrimary()) {
                paused = false;
                FAILOVER.info("{}: ZooKeeper is back and this replica is still primary; serving", config.self());
                events.execute(listener::resumed);
            }
        } catch (Exception e) {
            LOG.debug("{}: reconnection to ZooKeeper not complete: {}", config.self(), e.toString());
        }
    }

    @Override
    public ReplicaView view() {
        return recorded.view();
    }

    @Override
    public boolean isPrimary() {
        return primary;
    }

    @Override
    public boolean isMember() {
        return member;
    }

    /** Records the view without {@code backup} before returning; false if this replica could not. */
    @Override
    public boolean backupFailed(String backup) {
        return changeOwnView(read -> read.view().backups().contains(backup) ? read.without(List.of(backup)) : null);
    }

    @Override
    public void backupJoined(String backup) {
        long session;
        try {
            session = Long.parseUnsignedLong(new String(client.getData().forPath(znodes.join(backup)),
                    StandardCharsets.UTF_8), 16);
        } catch (Exception e) {
            LOG.warn("{}: joiner {} withdrew its request: {}", config.self(), backup, e.toString());
            return;
        }
        changeOwnView(read -> read.heldBy(backup, session) ? null : read.withJoiner(backup, session));
    }

    /**
     * On the decision thread: as long as this replica is the primary holding its place, applies
     * {@code change} to the recorded view (null: nothing to change) and writes it; waits for the outcome.
     */
    private boolean changeOwnView(java.util.function.UnaryOperator<RecordedView> change) {
        try {
            return decisions.submit(() -> {
                for (int round = 0; round < MAX_ROUNDS && !closed; round++) {
                    Stat stat = new Stat();
                    RecordedView read = RecordedView.decode(client.getData().storingStatIn(stat).forPath(znodes.view()));
                    if (!election.isPrimary() || !read.heldBy(config.self(), election.session())
                            || !read.view().primary().equals(config.self())) {
                        return false;
                    }
                    RecordedView changed = change.apply(read);
                    if (changed == null || write(changed, stat.getVersion())) {
                        if (changed != null) {
                            FAILOVER.info("{}: recorded {} for group {}", config.self(), changed, config.group());
                            publish(changed);
                        }
                        return true;
                    }
                }
                return false;
            }).get(config.zookeeper().sessionTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | java.util.concurrent.RejectedExecutionException e) {
            LOG.warn("{}: could not record a view change in ZooKeeper: {}", config.self(), e.toString());
            return false;
        }
    }

    @Override
    public void askToJoin(String primary) {
        byte[] session = Long.toHexString(election.session()).getBytes(StandardCharsets.UTF_8);
        try {
            try {
                client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL)
                        .forPath(znodes.join(config.self()), session);
            } catch (KeeperException.NodeExistsException e) {
                client.setData().forPath(znodes.join(config.self()), session); // a new version: asked again
            }
        } catch (Exception e) {
            LOG.debug("{}: cannot ask to join now: {}", config.self(), e.toString());
        }
    }

    /** Ends this replica's session at once, so its place is free for a backup to take over now. */
    @Override
    public void resign() {
        close();
    }

    @Override
    public void close() {
        closed = true;
        decisions.shutdownNow();
        events.shutdown();
        client.close();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
