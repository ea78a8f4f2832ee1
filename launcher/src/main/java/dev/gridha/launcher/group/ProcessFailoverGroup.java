package dev.gridha.launcher.group;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import dev.gridha.bench.failover.FailoverBenchmark;
import dev.gridha.launcher.embedded.GridWars;

/**
 * Two {@code gridha up} processes as a failover benchmark's or demo's Counter group; "killing the primary"
 * is a SIGKILL of the first one's JVM.
 */
public final class ProcessFailoverGroup implements FailoverBenchmark.Group {

    private final ReplicaGroup group;
    private final StringBuffer promotion = new StringBuffer();

    private ProcessFailoverGroup(Path folder, ReplicaGroup.Membership membership) {
        this.group = ReplicaGroup.start(2, 0, folder, line -> {
            if (line.contains("of group counter: promoted to primary")) {
                promotion.append(line).append('\n');
            }
        }, membership);
    }

    /** Starts the two replicas with static membership (each with its own folder below {@code folder}). */
    public static ProcessFailoverGroup start(Path folder) {
        return new ProcessFailoverGroup(folder, ReplicaGroup.Membership.STATIC);
    }

    /**
     * The same, with zookeeper membership against a ZooKeeper server in this process, each replica's session
     * timing out after {@code session} (null: the replicas' default).
     */
    public static ProcessFailoverGroup withZooKeeper(Path folder, java.time.Duration session) {
        ReplicaGroup.Membership membership = ReplicaGroup.Membership.embeddedZooKeeper(folder.resolve("zookeeper"));
        return new ProcessFailoverGroup(folder, session == null ? membership : membership.withSession(session));
    }

    @Override
    public List<URI> counterBases() {
        return group.replicas().stream().map(r -> r.base(GridWars.COUNTER)).toList();
    }

    @Override
    public void killPrimary() {
        group.replicas().get(0).kill();
    }

    /** The new primary's log line about its promotion: its time stamp against the kill's shows detection. */
    @Override
    public String promotionReport() {
        return promotion.toString().lines().findFirst().orElse("");
    }

    @Override
    public void close() {
        group.close();
    }
}
