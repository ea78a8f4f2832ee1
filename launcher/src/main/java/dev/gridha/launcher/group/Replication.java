package dev.gridha.launcher.group;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.gridha.container.replication.socket.SharedSecret;

/**
 * The replica groups a managed group's containers belong to: member ids c1..cN with their replication ports,
 * the groups' secret (given to each container through its environment), and the ZooKeeper server this process
 * runs for their membership, so a container that stops is replaced as primary the moment its session ends.
 */
final class Replication implements AutoCloseable {

    private final String list;
    private final String secret;
    private final ReplicaGroup.Membership membership;

    private Replication(String list, String secret, ReplicaGroup.Membership membership) {
        this.list = list;
        this.secret = secret;
        this.membership = membership;
    }

    /** Picks the members' ports and starts the ZooKeeper server (its data under {@code stateDir}). */
    static Replication start(int members, Path stateDir) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= members; i++) {
            ids.add("c" + i);
        }
        String list = ReplicaGroup.memberList(ids, ReplicaGroup.statePorts(members));
        return new Replication(list, SharedSecret.generate().toBase64(),
                ReplicaGroup.Membership.embeddedZooKeeper(stateDir.resolve("zookeeper")));
    }

    /** What makes a container's {@code gridha up} member {@code id} (with the data service as well). */
    List<String> memberArguments(String id) {
        List<String> arguments = new ArrayList<>(ReplicaGroup.memberArguments(id, list, membership, false));
        arguments.add("--with-data-service");
        return arguments;
    }

    String secret() {
        return secret;
    }

    @Override
    public void close() {
        membership.close();
    }
}
