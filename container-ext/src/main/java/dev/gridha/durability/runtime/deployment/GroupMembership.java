package dev.gridha.durability.runtime.deployment;

import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gridha.container.failover.Membership;
import dev.gridha.container.failover.ReplicaView;
import dev.gridha.container.failover.StaticMembership;
import dev.gridha.container.failover.zookeeper.ZooKeeperMembership;
import dev.gridha.container.replication.PrimaryReplicator;
import dev.gridha.container.replication.ReplicationFailedException;
import dev.gridha.durability.runtime.Action;

/**
 * A deployment's part in a failover group: it runs the group's membership and turns its role changes into
 * what the deployment does (promote, fence, stand down), and it decides what a failed replication means for
 * the group (a dead backup is dropped; a backup that says another replica is primary deposes this one).
 */
final class GroupMembership implements Membership.Listener, AutoCloseable {

    /** Role changes, under one name an operator can turn on alone (the launcher shows it at INFO). */
    private static final Logger FAILOVER = LoggerFactory.getLogger("dev.gridha.failover");

    /** What the deployment does when its role changes. */
    interface Roles {
        /** This backup takes over as the primary of {@code view}. */
        void promote(ReplicaView view);

        /** Another replica is primary in {@code epoch}: refuse older epochs from now on. */
        void follow(long epoch);

        /** Serve nothing any more (another replica is primary). */
        void standDown();

        /** Reply to nothing until resumed (contact with the group's arbiter is lost for now). */
        void pause(boolean paused);

        /** Whether this replica can be taken into the group (it receives updates: a backup). */
        boolean canJoin();

        /**
         * The primary takes {@code replica} in: a snapshot of the state, then every update.
         *
         * @return whether it was taken in
         */
        boolean admit(String replica);
    }

    /** How often a replica outside the view asks the primary to take it in. */
    private static final long ASK_EVERY_MILLIS = 1_000;

    private final DeploymentConfig config;
    private final Roles roles;
    private Membership membership;
    private final java.util.concurrent.ScheduledExecutorService asking =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "gridha-failover-join");
                thread.setDaemon(true);
                return thread;
            });
    private java.util.concurrent.ScheduledFuture<?> askingToJoin;

    private GroupMembership(DeploymentConfig config, Roles roles) {
        this.config = config;
        this.roles = roles;
    }

    /**
     * Joins the group the configuration names: binds this replica's heartbeat port and starts.
     *
     * @throws IllegalStateException if the heartbeat port cannot be bound
     */
    static GroupMembership start(DeploymentConfig config, Roles roles) {
        GroupMembership group = new GroupMembership(config, roles);
        FailoverConfig failover = config.failover();
        if (failover.mode() == FailoverConfig.Mode.ZOOKEEPER) {
            group.membership = ZooKeeperMembership.start(new ZooKeeperMembership.Config(config.group(), failover.self(),
                    failover.replicas().stream().map(FailoverConfig.Replica::id).toList(), failover.zookeeper(),
                    failover.timing(), config.secret(), failover.joining()), group);
            return group;
        }
        Map<String, InetSocketAddress> addresses = new HashMap<>();
        failover.replicas().forEach(replica -> addresses.put(replica.id(), replica.address()));
        try {
            group.membership = StaticMembership.start(new StaticMembership.Config(config.group(), failover.self(),
                    failover.initialView(), addresses, failover.timing(), config.secret(), failover.joining()), group);
        } catch (SocketException e) {
            throw new IllegalStateException("cannot listen for heartbeats on " + failover.selfReplica().address()
                    + ": " + e.getMessage(), e);
        }
        return group;
    }

    /**
     * The configuration a replica starts with: in {@code zookeeper} mode, one whose place in the group is held
     * by an earlier process (it was restarted) or that the group left out joins, whatever its configuration
     * says; the recorded view knows, so an operator need not.
     */
    static DeploymentConfig settle(DeploymentConfig config) {
        FailoverConfig failover = config.failover();
        if (failover.mode() != FailoverConfig.Mode.ZOOKEEPER || failover.joining()
                || !ZooKeeperMembership.mustJoin(failover.zookeeper(), config.secret(), config.group(), failover.self())) {
            return config;
        }
        FAILOVER.info("{} of group {}: the group runs without this process in it; joining", failover.self(),
                config.group());
        return config.asJoiner();
    }

    /**
     * Replicates through {@code replicating}; when a backup fails, the view changes instead of the request
     * failing. A backup that refused as from an older epoch deposes this primary (it must never carry on
     * without that backup: two primaries would both reply). A backup that failed otherwise (gone, too slow,
     * or refusing an update it cannot place) is dropped from the replicator and the group's view, and the
     * action commits: every backup still in the view holds the update, which is what a reply promises, and
     * the others may already hold it too, so rolling back here would leave them ahead of this primary. A
     * dropped backup that lives asks to join again and starts over from a snapshot.
     */
    Consumer<Action> guard(Consumer<Action> replicating, PrimaryReplicator replicator) {
        return action -> {
            dropMembersLeftOut(replicator);
            try {
                replicating.accept(action);
            } catch (ReplicationFailedException e) {
                if (e.deposed()) {
                    resign("a backup refused an update as from an older epoch: another replica is primary");
                    throw e;
                }
                for (String peer : e.failures().keySet()) {
                    if (replicator.drop(peer)) {
                        FAILOVER.warn("backup {} dropped from group {}: {}", peer, config.group(),
                                e.failures().get(peer));
                        String replica = replicaAt(peer).orElse(peer);
                        if (!membership.backupFailed(replica)) {
                            // the group may still count that backup; carrying on without it could lose what
                            // this reply acknowledges if it became primary
                            resign("could not record that backup " + replica + " was dropped");
                            throw e;
                        }
                    }
                }
            }
        };
    }

    /**
     * A backup in the view that this primary does not replicate to (not reached when it started, or lost by
     * a failed catch-up) leaves the view before anything is acknowledged: promoted later, it would hold none
     * of it. Until the view is recorded without it, requests fail as sent to a replica that cannot serve.
     */
    private void dropMembersLeftOut(PrimaryReplicator replicator) {
        List<String> peers = replicator.peers();
        for (String backup : membership.view().backups()) {
            if (!peers.contains(config.failover().replica(backup).hostAndPort())) {
                FAILOVER.warn("{}: backup {} is in the view {} but receives no updates; dropping it",
                        config.failover().self(), backup, membership.view());
                if (!membership.backupFailed(backup)) {
                    throw new NotPrimaryException(config.group() + " cannot record that backup " + backup
                            + " receives no updates from its primary " + config.failover().self());
                }
            }
        }
    }

    /** How many backups the group's view lists: those that can take over from this primary. */
    int backupsInView() {
        return membership.view().backups().size();
    }

    private void resign(String why) {
        roles.standDown();
        membership.resign();
        FAILOVER.warn("{}: {}; serving nothing until restarted", config.failover().self(), why);
    }

    /**
     * A backup this replica could not take along when it took over: unreachable, or holding updates that
     * differ from this replica's (it asks to join again and starts over from a snapshot).
     */
    void leftOutAtPromotion(String backup, String why) {
        FAILOVER.warn("backup {} left out at promotion: {}", backup, why);
        membership.backupFailed(backup);
    }

    private Optional<String> replicaAt(String peer) {
        return config.failover().replicas().stream().filter(r -> r.hostAndPort().equals(peer))
                .map(FailoverConfig.Replica::id).findFirst();
    }

    @Override
    public void promoted(ReplicaView view) {
        roles.promote(view);
    }

    @Override
    public void following(ReplicaView view) {
        roles.follow(view.epoch());
        FAILOVER.info("{}: following {} as primary of {}", config.failover().self(), view.primary(), view);
    }

    @Override
    public synchronized void excluded(ReplicaView view) {
        if (!roles.canJoin()) {
            FAILOVER.warn("{}: the primary's view {} does not list this replica; restart it with"
                    + " gridha.failover.join=true to rejoin", config.failover().self(), view);
            return;
        }
        FAILOVER.info("{} of group {}: outside the primary's view {}; asking {} to take it in",
                config.failover().self(), config.group(), view, view.primary());
        if (askingToJoin == null || askingToJoin.isDone()) {
            askingToJoin = asking.scheduleWithFixedDelay(this::askToJoin, 0, ASK_EVERY_MILLIS,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    private void askToJoin() {
        if (membership.isMember()) {
            askingToJoin.cancel(false); // taken in: the heartbeats list this replica
            return;
        }
        membership.askToJoin(membership.view().primary());
    }

    @Override
    public void joinRequested(String replica) {
        if (roles.admit(replica)) {
            membership.backupJoined(replica);
            FAILOVER.info("{} of group {}: took {} in as a backup", config.failover().self(), config.group(), replica);
        }
    }

    @Override
    public void deposed(ReplicaView view) {
        resign("deposed by " + view.primary() + " (" + view + ")");
    }

    @Override
    public void paused() {
        roles.pause(true);
    }

    @Override
    public void resumed() {
        roles.pause(false);
    }

    @Override
    public void close() {
        asking.shutdownNow();
        membership.close();
    }
}
