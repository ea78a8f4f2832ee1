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
     */
    public record Config(String group, String self, ReplicaView initial, Map<String, InetSocketAddress> addresses,
                         FailoverTiming timing, SharedSecret secret) {
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
    private long counter;

    private StaticMembership(Config config, Listener listener) throws SocketException {
        this.config = config;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.election = new StaticElection(config.self(), config.initial(), config.timing(), System.nanoTime());
        this.view = election.view();
        this.primary = election.isPrimary();
        this.peers = config.addresses().entrySet().stream()
                .filter(entry -> !entry.getKey().equals(config.self()))
                .map(Map.Entry::getValue)
                .toList();
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("gridha-failover-" + config.group()));
        this.events = Executors.newSingleThreadExecutor(daemon("gridha-failover-events-" + config.group()));
        HeartbeatChannel opened;
        try {
            opened = HeartbeatChannel.open(config.addresses().get(config.self()), config.group(), config.secret(),
                    heartbeat -> {
                        long receivedAt = System.nanoTime();
                        timer.execute(() -> decide(election.heartbeat(heartbeat, receivedAt)));
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
    private void decide(StaticElection.Transition transition) {
        ReplicaView now = election.view();
        view = now;
        primary = election.isPrimary();
        if (transition == StaticElection.Transition.NONE) {
            return;
        }
        FAILOVER.info("{}: {} in {}", config.self(), transition.name().toLowerCase(java.util.Locale.ROOT), now);
        if (transition == StaticElection.Transition.PROMOTED) {
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

    @Override
    public void backupFailed(String backup) {
        timer.execute(() -> {
            if (election.isPrimary()) {
                election.backupFailed(backup);
                decide(StaticElection.Transition.NONE);
            }
        });
    }

    @Override
    public void backupJoined(String backup) {
        timer.execute(() -> {
            if (election.isPrimary()) {
                election.backupJoined(backup);
                decide(StaticElection.Transition.NONE);
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
