package dev.gridha.container.failover;

import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gridha.container.replication.socket.SharedSecret;

/**
 * {@code static} membership at work: a {@link StaticElection} driven by real time, heartbeats sent and
 * received over a {@link HeartbeatChannel}. The primary sends a heartbeat to every configured replica each
 * interval (also to those outside its view, so a deposed primary or an excluded backup learns of the
 * current epoch); every replica checks the primary's silence each interval. All decisions run on one timer
 * thread; role changes go to the {@link Membership.Listener} on a second thread, in order.
 *
 * <p>Assumes a synchronous cluster (see {@link StaticElection}); {@code zookeeper} mode does not.
 */
public final class StaticMembership implements Membership {

    private static final Logger LOG = LoggerFactory.getLogger(StaticMembership.class);
    /** How often a backup checks its primary's silence. */
    private static final java.time.Duration CHECK_EVERY = java.time.Duration.ofMillis(10);
    /** Role changes, under one name an operator can turn on alone. */
    private static final Logger FAILOVER = LoggerFactory.getLogger("dev.gridha.failover");

    /**
     * @param group     the replica group
     * @param self      this replica's id
     * @param initial   the configured replica list (the first is the first primary)
     * @param addresses every replica's heartbeat address, this one's included (it is bound)
     * @param joining   this replica joins a running group instead of taking its place in the list
     */
    public record Config(String group, String self, ReplicaView initial, Map<String, InetSocketAddress> addresses,
                         FailoverTiming timing, SharedSecret secret, boolean joining) {
        public Config {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(self, "self");
            Objects.requireNonNull(initial, "initial");
            Objects.requireNonNull(timing, "timing");
            Objects.requireNonNull(secret, "secret");
            addresses = Map.copyOf(addresses);
            for (String member : initial.members()) {
                if (!addresses.containsKey(member)) {
                    throw new IllegalArgumentException("no heartbeat address for replica " + member);
                }
            }
        }
    }

    private final Config config;
    private final Listener listener;
    private final StaticElection election;
    private final long incarnation = System.currentTimeMillis();
    private final ScheduledExecutorService timer;
    private final ExecutorService events;
    private final List<InetSocketAddress> peers;
    private final HeartbeatChannel channel;
    private volatile ReplicaView view;
    private volatile boolean primary;
    private volatile boolean member;
    private long counter;
    private final java.util.concurrent.atomic.AtomicLong joinCounter = new java.util.concurrent.atomic.AtomicLong();
    /** The last join request heard from each replica, so a recorded one is not acted on again. */
    private final Map<String, JoinRequest> lastJoin = new java.util.HashMap<>();

    private StaticMembership(Config config, Listener listener) throws SocketException {
        this.config = config;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.election = config.joining()
                ? StaticElection.joining(config.self(), config.initial(), config.timing(), System.nanoTime())
                : new StaticElection(config.self(), config.initial(), config.timing(), System.nanoTime());
        this.view = election.view();
        this.primary = election.isPrimary();
        this.member = election.isMember();
        this.peers = config.addresses().entrySet().stream()
                .filter(entry -> !entry.getKey().equals(config.self()))
                .map(Map.Entry::getValue)
                .toList();
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("gridha-failover-" + config.group()));
        this.events = Executors.newSingleThreadExecutor(daemon("gridha-failover-events-" + config.group()));
        HeartbeatChannel opened;
        try {
            opened = HeartbeatChannel.open(config.addresses().get(config.self()), config.group(), config.secret(),
                    message -> {
                        long receivedAt = System.nanoTime();
                        if (message instanceof Heartbeat heartbeat) {
                            timer.execute(() -> decide(election.heartbeat(heartbeat, receivedAt)));
                        } else if (message instanceof JoinRequest join) {
                            timer.execute(() -> joinRequested(join));
                        }
                    });
        } catch (SocketException e) {
            timer.shutdownNow();
            events.shutdownNow();
            throw e;
        }
        this.channel = opened;
    }

    /**
     * Binds this replica's heartbeat address and starts.
     *
     * @throws SocketException if the heartbeat address cannot be bound
     */
    public static StaticMembership start(Config config, Listener listener) throws SocketException {
        StaticMembership membership = new StaticMembership(config, listener);
        long interval = config.timing().heartbeatInterval().toNanos();
        membership.timer.scheduleAtFixedRate(membership::beat, 0, interval, TimeUnit.NANOSECONDS);
        // Silence is checked more often than heartbeats are sent: detection then lags the timeout by at most
        // this, not by a whole interval.
        long check = Math.min(interval, CHECK_EVERY.toNanos());
        membership.timer.scheduleAtFixedRate(membership::check, check, check, TimeUnit.NANOSECONDS);
        return membership;
    }

    private void beat() {
        try {
            if (election.isPrimary()) {
                channel.send(new Heartbeat(config.group(), config.self(), incarnation, ++counter, election.view()),
                        peers);
            }
        } catch (RuntimeException e) {
            LOG.error("failover timer of {} failed", config.self(), e); // keep beating: the next run may succeed
        }
    }

    private void check() {
        try {
            decide(election.tick(System.nanoTime()));
        } catch (RuntimeException e) {
            LOG.error("failover check of {} failed", config.self(), e);
        }
    }

    /** On the timer thread: publishes the election's outcome and tells the listener of a role change. */
    private void decide(RoleTransition transition) {
        ReplicaView now = election.view();
        view = now;
        primary = election.isPrimary();
        member = election.isMember();
        if (transition == RoleTransition.NONE) {
            return;
        }
        FAILOVER.info("{}: {} in {}", config.self(), transition.name().toLowerCase(java.util.Locale.ROOT), now);
        if (transition == RoleTransition.PROMOTED) {
            // announce at once, so the other backups follow before they suspect this replica too
            channel.send(new Heartbeat(config.group(), config.self(), incarnation, ++counter, now), peers);
        }
        events.execute(() -> {
            switch (transition) {
                case PROMOTED -> listener.promoted(now);
                case FOLLOWING -> listener.following(now);
                case EXCLUDED -> listener.excluded(now);
                case DEPOSED -> listener.deposed(now);
                default -> { }
            }
        });
    }

    @Override
    public ReplicaView view() {
        return view;
    }

    @Override
    public boolean isPrimary() {
        return primary;
    }

    /** On the timer thread: a primary hears a configured replica outside its view ask to join. */
    private void joinRequested(JoinRequest join) {
        JoinRequest previous = lastJoin.get(join.sender());
        if (previous != null && !join.isAfter(previous) || !election.isPrimary()
                || election.view().contains(join.sender()) || !config.addresses().containsKey(join.sender())) {
            return;
        }
        lastJoin.put(join.sender(), join);
        events.execute(() -> listener.joinRequested(join.sender()));
    }

    @Override
    public boolean isMember() {
        return member;
    }

    @Override
    public void askToJoin(String primary) {
        InetSocketAddress address = config.addresses().get(primary);
        if (address != null) {
            channel.send(new JoinRequest(config.group(), config.self(), incarnation, joinCounter.incrementAndGet()), List.of(address));
        }
    }

    /** Announced in the next heartbeats, not recorded anywhere (the synchronous-cluster assumption). */
    @Override
    public boolean backupFailed(String backup) {
        asPrimary(election -> election.backupFailed(backup));
        return primary;
    }

    @Override
    public void backupJoined(String backup) {
        asPrimary(election -> election.backupJoined(backup));
    }

    /** On the timer thread, if this replica is still the primary: changes its view; heartbeats announce it. */
    private void asPrimary(java.util.function.Consumer<StaticElection> change) {
        timer.execute(() -> {
            if (election.isPrimary()) {
                change.accept(election);
                decide(RoleTransition.NONE);
            }
        });
    }

    /** Datagrams refused on the heartbeat port (forged, foreign, malformed). */
    public long refusedHeartbeats() {
        return channel.refused();
    }

    public int heartbeatPort() {
        return channel.port();
    }

    @Override
    public void close() {
        channel.close(); // first: its thread hands heartbeats to the timer
        timer.shutdownNow();
        events.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
