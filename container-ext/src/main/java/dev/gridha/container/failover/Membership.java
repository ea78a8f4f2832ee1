package dev.gridha.container.failover;

/**
 * Who is primary in a replica group, as one replica sees it, and the events that change it. Two modes
 * implement it: {@code static} ({@link StaticMembership}: a configured replica list with heartbeats, the
 * thesis's) and {@code zookeeper} (leadership and epochs from a ZooKeeper ensemble).
 */
public interface Membership extends AutoCloseable {

    /** This replica's current view of the group. */
    ReplicaView view();

    /** Whether this replica is the primary of its view. */
    boolean isPrimary();

    /**
     * The primary drops a backup that failed. In {@code zookeeper} mode the group has recorded it when this
     * returns; {@code static} mode announces it in the next heartbeats.
     *
     * @return false if the drop could not be recorded (this replica is no longer the primary, or cannot reach
     *         the group's store): the primary must not reply to what it was replicating
     */
    boolean backupFailed(String backup);

    /** The primary adds a backup that has caught up. */
    void backupJoined(String backup);

    /** Whether this replica is in its view (a joining or excluded one is not). */
    boolean isMember();

    /** A joining replica asks {@code primary} to take it in (sent again until it is). */
    void askToJoin(String primary);

    /**
     * This replica stopped serving for good (deposed, or unable to record a view change): give up its place
     * at once so a backup can take over without waiting for a timeout. Nothing more is announced after it.
     */
    default void resign() {
    }

    @Override
    void close();

    /**
     * Told of every change of this replica's role, in order, on one thread of the membership's own (so a
     * slow reaction, such as draining a backup's queue before serving, delays nothing else).
     */
    interface Listener {
        /** This replica is the primary of {@code view}: apply everything received, then serve. */
        void promoted(ReplicaView view);

        /** Another replica is primary now: take updates from it. */
        void following(ReplicaView view);

        /** The primary's view dropped this replica: it must catch up before it is a backup again. */
        void excluded(ReplicaView view);

        /** This primary was replaced (it heard a newer epoch): stop serving at once. */
        void deposed(ReplicaView view);

        /**
         * This primary lost contact with the group's arbiter (ZooKeeper): reply to nothing until {@link
         * #resumed}, as a backup may be taking over.
         */
        default void paused() {
        }

        /** Contact is back and this replica is still the primary. */
        default void resumed() {
        }

        /** This primary was asked by {@code replica}, outside its view, to take it in. */
        default void joinRequested(String replica) {
        }
    }
}
