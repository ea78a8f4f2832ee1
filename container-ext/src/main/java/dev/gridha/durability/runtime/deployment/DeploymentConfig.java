package dev.gridha.durability.runtime.deployment;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

import dev.gridha.container.failover.FailoverTiming;
import dev.gridha.container.failover.zookeeper.ZooKeeperSettings;
import dev.gridha.container.replication.socket.SharedSecret;
import dev.gridha.durability.runtime.database.DatabaseConfig;

/**
 * How one WAR's durable service is deployed, read from its context parameters (web.xml
 * {@code <context-param>}, or a Tomcat {@code <Parameter>} in the context file, so an operator configures a
 * WAR without rebuilding it).
 *
 * <table>
 * <caption>Parameters</caption>
 * <tr><td>{@code gridha.role}</td><td>{@code standalone} (default), {@code primary} or {@code backup}</td></tr>
 * <tr><td>{@code gridha.group}</td><td>replica group name (default: the service's name)</td></tr>
 * <tr><td>{@code gridha.replication.transport}</td><td>{@code socket} (default), {@code soap} or
 * {@code notification}</td></tr>
 * <tr><td>{@code gridha.backups}</td><td>primary: the backups, {@code host:port,...} (socket) or
 * replication endpoint URLs (soap)</td></tr>
 * <tr><td>{@code gridha.replication.port}</td><td>backup: port to receive updates on (loopback)</td></tr>
 * <tr><td>{@code gridha.replication.secret}</td><td>base64 key of at least 32 bytes shared by the group</td></tr>
 * <tr><td>{@code gridha.replication.timeout-ms}</td><td>wait for acknowledgements (default 2000)</td></tr>
 * <tr><td>{@code gridha.database.url}, {@code .user}, {@code .password}</td><td>state database (default H2
 * file in the WAR's work folder)</td></tr>
 * <tr><td>{@code gridha.failover}</td><td>{@code none} (default), {@code static} or {@code zookeeper}; both
 * take the role, backups and port from the replica list instead of {@code gridha.role}, {@code gridha.backups}
 * and {@code gridha.replication.port}</td></tr>
 * <tr><td>{@code gridha.zookeeper.connect}</td><td>zookeeper failover: the ensemble, {@code host:port,...}</td></tr>
 * <tr><td>{@code gridha.zookeeper.session-ms}</td><td>zookeeper failover: session timeout, which is the
 * failure-detection time (default 1000)</td></tr>
 * <tr><td>{@code gridha.replicas}</td><td>static failover: {@code id=host:port,...} in order of seniority
 * (the first is the first primary); the port takes state updates (TCP) and heartbeats (UDP)</td></tr>
 * <tr><td>{@code gridha.replica.id}</td><td>static failover: which of the replicas this deployment is</td></tr>
 * <tr><td>{@code gridha.failover.heartbeat-ms}, {@code .timeout-ms}, {@code .startup-grace-ms}</td><td>50,
 * 200 and 10000 by default ({@link dev.gridha.container.failover.FailoverTiming})</td></tr>
 * <tr><td>{@code gridha.failover.join}</td><td>{@code true}: this replica joins the running group (after a
 * restart): it gets a snapshot from the primary before it counts as a backup</td></tr>
 * </table>
 */
public record DeploymentConfig(Role role, String group, List<String> backups, int replicationPort,
                               SharedSecret secret, Duration acknowledgementTimeout, DatabaseConfig database,
                               Transport transport, FailoverConfig failover) {

    /** How state updates travel from the primary to its backups. */
    public enum Transport {
        /** The authenticated TCP socket (HMAC-SHA256 sessions); backups are {@code host:port}. */
        SOCKET,
        /**
         * A SOAP call per update to the backup's {@code services/replication} endpoint, signed with WSS4J;
         * backups are endpoint URLs.
         */
        SOAP,
        /**
         * WS-BaseNotification: backups subscribe to the primary's STATE_UPDATE topic and acknowledge with a
         * Notify, signed with WSS4J; backups are their NotificationConsumer URLs.
         */
        NOTIFICATION
    }

    public static final String PREFIX = "gridha.";

    public DeploymentConfig {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(group, "group");
        backups = List.copyOf(backups);
        Objects.requireNonNull(transport, "transport");
        for (String backup : backups) {
            checkBackup(transport, backup);
        }
        Objects.requireNonNull(acknowledgementTimeout, "acknowledgementTimeout");
        Objects.requireNonNull(database, "database");
        if (role != Role.STANDALONE && secret == null) {
            throw new IllegalArgumentException("a " + role.name().toLowerCase(Locale.ROOT)
                    + " needs " + PREFIX + "replication.secret: the replication channel is always authenticated");
        }
        if (role == Role.PRIMARY && backups.isEmpty()) {
            throw new IllegalArgumentException("a primary needs " + PREFIX + "backups (host:port,...)");
        }
        Objects.requireNonNull(failover, "failover");
        if (failover.enabled() && transport != Transport.SOCKET) {
            throw new IllegalArgumentException(PREFIX + "failover = " + failover.mode().name().toLowerCase(Locale.ROOT)
                    + " needs the socket transport (" + PREFIX + "replication.transport = socket)");
        }
    }

    /** Fixed roles, no failover. */
    public DeploymentConfig(Role role, String group, List<String> backups, int replicationPort, SharedSecret secret,
                            Duration acknowledgementTimeout, DatabaseConfig database, Transport transport) {
        this(role, group, backups, replicationPort, secret, acknowledgementTimeout, database, transport,
                FailoverConfig.NONE);
    }

    /**
     * A replica of a failover group: primary if it is first in the list, else a backup
     * receiving on its own port; a primary's backups are the others.
     */
    public static DeploymentConfig replica(String group, FailoverConfig failover, SharedSecret secret,
                                           Duration acknowledgementTimeout, DatabaseConfig database) {
        if (!failover.enabled()) {
            throw new IllegalArgumentException("a replica of a failover group needs failover enabled");
        }
        // a joiner is a backup whatever its place: the group it joins already has a primary
        boolean first = !failover.joining() && failover.replicas().get(0).id().equals(failover.self());
        List<String> others = failover.replicas().stream().filter(r -> !r.id().equals(failover.self()))
                .map(FailoverConfig.Replica::hostAndPort).toList();
        return new DeploymentConfig(first ? Role.PRIMARY : Role.BACKUP, group, first ? others : List.of(),
                failover.selfReplica().port(), secret, acknowledgementTimeout, database, Transport.SOCKET, failover);
    }

    /** This replica of a failover group, joining it rather than taking its configured place. */
    public DeploymentConfig asJoiner() {
        return replica(group, failover.asJoiner(), secret, acknowledgementTimeout, database);
    }

    /** An unreplicated deployment on {@code database}. */
    public static DeploymentConfig standalone(String group, DatabaseConfig database) {
        return new DeploymentConfig(Role.STANDALONE, group, List.of(), 0, null, Duration.ofSeconds(2), database,
                Transport.SOCKET);
    }

    /**
     * Reads the parameters; any that is malformed throws {@link IllegalArgumentException} naming it.
     *
     * @param parameter    the context parameter by name, {@code null} where unset
     * @param defaultGroup the group name when none is set
     * @param workFolder   where the default H2 database file lives
     */
    public static DeploymentConfig fromParameters(Function<String, String> parameter, String defaultGroup,
                                                  Path workFolder) {
        Role role = parse(parameter, "role", "standalone", value -> Role.valueOf(value.toUpperCase(Locale.ROOT)),
                "standalone, primary or backup");
        String group = parse(parameter, "group", defaultGroup, Function.identity(), "a name");
        Transport transport = parse(parameter, "replication.transport", "socket",
                value -> Transport.valueOf(value.toUpperCase(Locale.ROOT)), "socket, soap or notification");
        List<String> backups = parse(parameter, "backups", "", value -> backups(transport, value),
                transport == Transport.SOCKET ? "host:port[,host:port...]" : "http(s)://...[,http(s)://...]");
        int port = parse(parameter, "replication.port", "0", DeploymentConfig::port, "a port number 0-65535");
        SharedSecret secret = parse(parameter, "replication.secret", "",
                value -> value.isEmpty() ? null : SharedSecret.fromBase64(value), "base64 of at least 32 bytes");
        Duration timeout = parse(parameter, "replication.timeout-ms", "2000",
                value -> positiveMillis(value), "a positive number of milliseconds");
        String url = parameter.apply(PREFIX + "database.url");
        DatabaseConfig database = url == null || url.isBlank()
                ? DatabaseConfig.h2File(workFolder.resolve("gridha-state"))
                : new DatabaseConfig(url, Objects.requireNonNullElse(parameter.apply(PREFIX + "database.user"), ""),
                Objects.requireNonNullElse(parameter.apply(PREFIX + "database.password"), ""), 8);
        FailoverConfig.Mode mode = parse(parameter, "failover", "none",
                value -> FailoverConfig.Mode.valueOf(value.toUpperCase(Locale.ROOT)), "none, static or zookeeper");
        if (mode == FailoverConfig.Mode.NONE) {
            return new DeploymentConfig(role, group, backups, port, secret, timeout, database, transport);
        }
        for (String derived : List.of("role", "backups", "replication.port")) {
            if (parameter.apply(PREFIX + derived) != null) {
                throw new IllegalArgumentException(PREFIX + derived + " is set, but with " + PREFIX + "failover = "
                        + mode.name().toLowerCase(Locale.ROOT) + " it comes from " + PREFIX + "replicas: leave it out");
            }
        }
        List<FailoverConfig.Replica> replicas = parse(parameter, "replicas", "", FailoverConfig::parseReplicas,
                "id=host:port[,id=host:port...]");
        String self = parse(parameter, "replica.id", "", Function.identity(), "one of the ids in " + PREFIX + "replicas");
        Duration heartbeat = parse(parameter, "failover.heartbeat-ms", "50", DeploymentConfig::positiveMillis,
                "a positive number of milliseconds");
        Duration suspicion = parse(parameter, "failover.timeout-ms", "200", DeploymentConfig::positiveMillis,
                "a positive number of milliseconds");
        Duration grace = parse(parameter, "failover.startup-grace-ms", "10000", DeploymentConfig::positiveMillis,
                "a positive number of milliseconds");
        boolean joining = parse(parameter, "failover.join", "false", DeploymentConfig::bool, "true or false");
        ZooKeeperSettings zookeeper = null;
        if (mode == FailoverConfig.Mode.ZOOKEEPER) {
            String connect = parse(parameter, "zookeeper.connect", "", Function.identity(), "host:port[,host:port...]");
            if (connect.isEmpty()) {
                throw new IllegalArgumentException(PREFIX + "failover = zookeeper needs " + PREFIX
                        + "zookeeper.connect (the ensemble, host:port,...)");
            }
            Duration session = parse(parameter, "zookeeper.session-ms",
                    String.valueOf(ZooKeeperSettings.DEFAULT_SESSION_TIMEOUT.toMillis()),
                    DeploymentConfig::positiveMillis, "a positive number of milliseconds");
            try {
                zookeeper = new ZooKeeperSettings(connect, session);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PREFIX + "zookeeper.session-ms: " + e.getMessage(), e);
            }
        } else {
            for (String zookeeperOnly : List.of("zookeeper.connect", "zookeeper.session-ms")) {
                if (parameter.apply(PREFIX + zookeeperOnly) != null) {
                    throw new IllegalArgumentException(PREFIX + zookeeperOnly + " is set, but " + PREFIX
                            + "failover is not zookeeper");
                }
            }
        }
        FailoverConfig failover;
        try {
            failover = new FailoverConfig(mode, self, replicas, new FailoverTiming(heartbeat, suspicion, grace), joining,
                    zookeeper);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + "replicas, " + PREFIX + "replica.id and " + PREFIX
                    + "failover.* do not fit: " + e.getMessage(), e);
        }
        if (transport != Transport.SOCKET) {
            throw new IllegalArgumentException(PREFIX + "failover = " + mode.name().toLowerCase(Locale.ROOT)
                    + " needs the socket transport (" + PREFIX + "replication.transport = socket)");
        }
        if (secret == null) {
            throw new IllegalArgumentException("a replica needs " + PREFIX + "replication.secret: the replication"
                    + " channel is always authenticated");
        }
        return replica(group, failover, secret, timeout, database);
    }

    private static <T> T parse(Function<String, String> parameter, String name, String fallback,
                               Function<String, T> parser, String expected) {
        String raw = parameter.apply(PREFIX + name);
        String value = raw == null ? fallback : raw.trim();
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(PREFIX + name + " = '" + value + "' is not " + expected, e);
        }
    }

    private static List<String> backups(Transport transport, String value) {
        List<String> backups = new ArrayList<>();
        for (String entry : value.split(",")) {
            if (!entry.isBlank()) {
                checkBackup(transport, entry.trim());
                backups.add(entry.trim());
            }
        }
        return backups;
    }

    private static void checkBackup(Transport transport, String backup) {
        if (transport != Transport.SOCKET) {
            java.net.URI uri = java.net.URI.create(backup);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL: " + backup);
            }
            return;
        }
        socketAddress(backup);
    }

    /** A socket backup's address, {@code host:port}. */
    public static InetSocketAddress socketAddress(String backup) {
        int colon = backup.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("no port in " + backup);
        }
        return InetSocketAddress.createUnresolved(backup.substring(0, colon).trim(), port(backup.substring(colon + 1)));
    }

    private static int port(String value) {
        int port = Integer.parseInt(value.trim());
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("out of range");
        }
        return port;
    }

    private static boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    private static Duration positiveMillis(String value) {
        long millis = Long.parseLong(value);
        if (millis <= 0) {
            throw new IllegalArgumentException("not positive");
        }
        return Duration.ofMillis(millis);
    }
}
