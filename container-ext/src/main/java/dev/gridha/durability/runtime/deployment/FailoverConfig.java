package dev.gridha.durability.runtime.deployment;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.gridha.container.failover.FailoverTiming;
import dev.gridha.container.failover.ReplicaView;
import dev.gridha.container.failover.zookeeper.ZooKeeperSettings;

/**
 * Whether and how a replica group fails over (issue 4). With {@code static} membership every replica is
 * configured with the same ordered replica list ({@code gridha.replicas}) and its own id
 * ({@code gridha.replica.id}); the first replica is the first primary, the second the senior backup. Each
 * replica's port is both its TCP port for state updates and its UDP port for heartbeats.
 *
 * @param mode     {@link Mode#NONE}: roles are fixed by {@code gridha.role}, nothing takes over
 * @param self     this replica's id (static mode)
 * @param replicas the replica list in order of seniority (static mode)
 * @param timing   heartbeat interval, suspicion timeout, startup grace
 * @param joining  this replica joins a running group (restarted, or new): it starts as a backup outside the
 *                 view, whatever its place in the list, and asks the primary to take it in (zookeeper mode
 *                 finds this out by itself: a replica whose place is held by an earlier process joins)
 * @param zookeeper the ensemble ({@code zookeeper} mode only; {@code null} otherwise)
 */
public record FailoverConfig(Mode mode, String self, List<Replica> replicas, FailoverTiming timing,
                             boolean joining, ZooKeeperSettings zookeeper) {

    public enum Mode {
        /** Fixed roles: a dead primary stays dead until an operator acts. */
        NONE,
        /** The thesis's replica list with heartbeats; assumes a synchronous cluster. */
        STATIC,
        /**
         * The same replica list, with ZooKeeper as failure detector and arbiter: view changes are recorded
         * there (one per epoch wins), so a partition never leaves two primaries that reply.
         */
        ZOOKEEPER
    }

    /** One replica: its id and where it receives state updates (TCP) and heartbeats (UDP). */
    public record Replica(String id, String host, int port) {
        public Replica {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(host, "host");
            if (id.isBlank() || id.contains(",") || id.contains("=")) {
                throw new IllegalArgumentException("a replica id is a non-empty name without ',' or '=': '" + id + "'");
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("replica " + id + " needs a port 1-65535, not " + port);
            }
        }

        public InetSocketAddress address() {
            return new InetSocketAddress(host, port);
        }

        /** As {@code gridha.backups} names a socket backup. */
        String hostAndPort() {
            return host + ":" + port;
        }
    }

    public static final FailoverConfig NONE = new FailoverConfig(Mode.NONE, null, List.of(), FailoverTiming.DEFAULTS);

    /** A replica of a static group taking its place in the list (not joining a running group). */
    public FailoverConfig(Mode mode, String self, List<Replica> replicas, FailoverTiming timing) {
        this(mode, self, replicas, timing, false);
    }

    public FailoverConfig(Mode mode, String self, List<Replica> replicas, FailoverTiming timing, boolean joining) {
        this(mode, self, replicas, timing, joining, null);
    }

    /** A replica of a group whose membership ZooKeeper records. */
    public static FailoverConfig zookeeper(String self, List<Replica> replicas, FailoverTiming timing,
                                           ZooKeeperSettings zookeeper) {
        return new FailoverConfig(Mode.ZOOKEEPER, self, replicas, timing, false, zookeeper);
    }

    /** The same replica, joining a running group. */
    public FailoverConfig asJoiner() {
        return new FailoverConfig(mode, self, replicas, timing, true, zookeeper);
    }

    public FailoverConfig {
        Objects.requireNonNull(mode, "mode");
        replicas = List.copyOf(replicas);
        Objects.requireNonNull(timing, "timing");
        if ((mode == Mode.ZOOKEEPER) != (zookeeper != null)) {
            throw new IllegalArgumentException(mode == Mode.ZOOKEEPER ? "zookeeper failover needs the ensemble's"
                    + " connect string" : "ZooKeeper settings are for zookeeper failover only");
        }
        if (mode != Mode.NONE) {
            if (replicas.size() < 2) {
                throw new IllegalArgumentException(mode.name().toLowerCase(java.util.Locale.ROOT)
                        + " failover needs at least two replicas, got " + replicas.size());
            }
            Set<String> ids = new LinkedHashSet<>();
            for (Replica replica : replicas) {
                if (!ids.add(replica.id())) {
                    throw new IllegalArgumentException("replica id " + replica.id() + " appears twice");
                }
            }
            if (self == null || !ids.contains(self)) {
                throw new IllegalArgumentException("this replica's id '" + self + "' is not in the replica list " + ids);
            }
        }
    }

    public boolean enabled() {
        return mode != Mode.NONE;
    }

    /** The group's first view: the replica list in order, epoch 1. */
    public ReplicaView initialView() {
        return ReplicaView.initial(replicas.stream().map(Replica::id).toList());
    }

    public Replica replica(String id) {
        return replicas.stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no replica " + id + " in the configuration"));
    }

    public Replica selfReplica() {
        return replica(self);
    }

    /** Parses {@code id=host:port,id=host:port,...}. */
    static List<Replica> parseReplicas(String value) {
        List<Replica> replicas = new ArrayList<>();
        for (String entry : value.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("'" + entry.trim() + "' is not id=host:port");
            }
            InetSocketAddress address = DeploymentConfig.socketAddress(entry.substring(equals + 1).trim());
            replicas.add(new Replica(entry.substring(0, equals).trim(), address.getHostString(), address.getPort()));
        }
        return replicas;
    }
}
