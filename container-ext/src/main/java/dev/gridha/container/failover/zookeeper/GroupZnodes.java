package dev.gridha.container.failover.zookeeper;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;

import dev.gridha.container.replication.socket.SharedSecret;

/**
 * Where a group keeps its membership in ZooKeeper, and the authenticated client that reaches it. Under
 * {@code /gridha/groups/<group>}: {@code view} (the {@link RecordedView}), {@code live/<session>} (an
 * ephemeral node per running replica: its session's liveness) and {@code join/<replica>} (an ephemeral
 * request to be taken in, holding the joiner's session).
 *
 * <p>Every node is created readable and writable only by the digest identity derived from the group's shared
 * secret, and every client authenticates as it: a process without the secret can neither forge a view nor
 * read one; {@code /gridha/groups} itself only lets anyone create a group's node. (Digest authentication sends the derived password, not the secret, over the connection; use the
 * ensemble's TLS on an untrusted network.)
 */
final class GroupZnodes {

    private static final String USER = "gridha";
    /** Curator names the parents it creates with or without the namespace. */
    private static final java.util.Set<String> SHARED_PARENTS = java.util.Set.of("/gridha", "/gridha/groups", "/groups");
    private static final List<ACL> ANYONE_MAY_CREATE = new java.util.ArrayList<>(List.of(new ACL(
            ZooDefs.Perms.READ | ZooDefs.Perms.CREATE, ZooDefs.Ids.ANYONE_ID_UNSAFE)));

    private final String root;

    GroupZnodes(String group) {
        this.root = "/groups/" + URLEncoder.encode(group, StandardCharsets.UTF_8);
    }

    String view() {
        return root + "/view";
    }

    String live() {
        return root + "/live";
    }

    String live(long session) {
        return live() + "/" + Long.toHexString(session);
    }

    String join() {
        return root + "/join";
    }

    String join(String replica) {
        return join() + "/" + URLEncoder.encode(replica, StandardCharsets.UTF_8);
    }

    /** A started client of the ensemble, authenticated with the group's secret; its nodes carry its ACL. */
    static CuratorFramework connect(ZooKeeperSettings settings, SharedSecret secret) {
        String password = password(secret);
        List<ACL> onlyGroup;
        try {
            // a mutable list: ZooKeeper asks it contains(null), which List.of refuses
            onlyGroup = new java.util.ArrayList<>(List.of(new ACL(ZooDefs.Perms.ALL,
                    new Id("digest", DigestAuthenticationProvider.generateDigest(USER + ":" + password)))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1 for ZooKeeper's digest", e);
        }
        int session = (int) settings.sessionTimeout().toMillis();
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(settings.connect())
                .sessionTimeoutMs(session)
                // operations fail fast while cut off: the decision thread must stay free to hear that the
                // session is lost (a primary is deposed by it); the next decision simply tries again
                .connectionTimeoutMs(Math.max(100, session / 3))
                .retryPolicy(new RetryNTimes(1, 20))
                .namespace("gridha")
                .authorization("digest", (USER + ":" + password).getBytes(StandardCharsets.UTF_8))
                .aclProvider(new org.apache.curator.framework.api.ACLProvider() {
                    @Override
                    public List<ACL> getDefaultAcl() {
                        return onlyGroup;
                    }

                    @Override
                    public List<ACL> getAclForPath(String path) {
                        // the shared parents let every group create its own node; below that, only the group
                        return SHARED_PARENTS.contains(path) ? ANYONE_MAY_CREATE : onlyGroup;
                    }
                })
                .build();
        client.start();
        return client;
    }

    /** The digest password: derived from the secret, so the secret itself never crosses the connection. */
    private static String password(SharedSecret secret) {
        javax.crypto.Mac mac = secret.newHmac();
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal("gridha zookeeper membership".getBytes(StandardCharsets.UTF_8)));
    }
}
