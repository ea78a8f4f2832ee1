package dev.gridha.launcher.group;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.gridha.container.failover.zookeeper.EmbeddedZooKeeper;
import dev.gridha.container.replication.socket.SharedSecret;

/**
 * A replicated group of {@code gridha up} processes on this machine, with {@code static} failover or with
 * {@code zookeeper} failover (against an ensemble given by its connect string, or a ZooKeeper server this
 * process runs for the group): replica r1 is the first primary, r2 its senior backup, and so on. Each runs both WARs as its replica of the Counter group
 * and of the Matchmaker group, with replicated mappings (the state lives in the replicas' memory, so no
 * database is shared). The group's secret reaches the children through their environment, never their
 * command line.
 */
public final class ReplicaGroup implements AutoCloseable {

    /** Where a child finds the group's replication secret. */
    public static final String SECRET_VARIABLE = "GRIDHA_REPLICATION_SECRET";
    private static final Duration START_LIMIT = Duration.ofSeconds(90);

    private final List<ReplicaProcess> replicas;
    /** Guards starting a replica against closing the group. */
    private final Object lifecycle = new Object();
    private boolean closed;
    private final String list;
    private final String secret;
    private final Path stateDir;
    private final Consumer<String> lines;
    private final Membership membership;
    private final Function<String, List<String>> jvmOptions;

    /**
     * How the group fails over: {@code static} (heartbeats), or {@code zookeeper} against {@code connect}
     * (with {@code server} the in-process ZooKeeper this process runs for it, or none for an external one),
     * each replica's session living {@code session} without a word (null: the replicas' default, 1 s): how long
     * the group takes to notice a dead primary.
     */
    public record Membership(String connect, EmbeddedZooKeeper server, Duration session) {
        public static final Membership STATIC = new Membership(null, null, null);

        public Membership(String connect, EmbeddedZooKeeper server) {
            this(connect, server, null);
        }

        /** The same membership with each replica's ZooKeeper session timeout set. */
        public Membership withSession(Duration timeout) {
            if (!zookeeper()) {
                throw new IllegalArgumentException("a session timeout goes with zookeeper membership");
            }
            checkedSession(timeout, server != null);
            return new Membership(connect, server, timeout);
        }

        /** A ZooKeeper server of this process's own, for the group (its data in {@code folder}). */
        public static Membership embeddedZooKeeper(Path folder) {
            try {
                EmbeddedZooKeeper server = EmbeddedZooKeeper.start(folder, 0);
                return new Membership(server.connectString(), server);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the group's ZooKeeper server: " + e.getMessage(), e);
            }
        }

        /**
         * {@code timeout} if a ZooKeeper server grants it: 2-20 of its ticks; the in-process server's tick is
         * known, an ensemble's is not.
         *
         * @throws IllegalArgumentException saying the range otherwise
         */
        public static Duration checkedSession(Duration timeout, boolean inProcessServer) {
            long millis = timeout.toMillis();
            long shortest = 2L * EmbeddedZooKeeper.TICK_MILLIS;
            long longest = inProcessServer ? 20L * EmbeddedZooKeeper.TICK_MILLIS : 600_000;
            if (millis < shortest || millis > longest) {
                throw new IllegalArgumentException("a ZooKeeper session timeout of " + millis + " ms is outside "
                        + shortest + ".." + longest + " ms" + (inProcessServer ? " (the in-process server's range)" : ""));
            }
            return timeout;
        }

        public boolean zookeeper() {
            return connect != null;
        }

        public String name() {
            return zookeeper() ? "zookeeper" : "static";
        }

        void close() {
            if (server != null) {
                server.close();
            }
        }
    }

    private ReplicaGroup(List<ReplicaProcess> replicas, String list, String secret, Path stateDir,
                         Consumer<String> lines, Membership membership, Function<String, List<String>> jvmOptions) {
        this.replicas = new java.util.concurrent.CopyOnWriteArrayList<>(replicas);
        this.list = list;
        this.secret = secret;
        this.stateDir = stateDir;
        this.lines = lines;
        this.membership = membership;
        this.jvmOptions = jvmOptions;
    }

    /** A group with static failover. */
    public static ReplicaGroup start(int size, int firstHttpPort, Path stateDir, Consumer<String> lines) {
        return start(size, firstHttpPort, stateDir, lines, Membership.STATIC);
    }

    /**
     * Starts {@code size} replicas, backups first (a primary connects to its backups when it starts), and
     * returns once every one serves.
     *
     * @param firstHttpPort r1's HTTP port, the next ones counting up; 0 for free ports
     * @param stateDir      each replica's folder for what it writes
     * @param lines         every line the replicas print, prefixed with their id
     * @param membership    how it fails over; the group closes an in-process ZooKeeper server with itself
     */
    public static ReplicaGroup start(int size, int firstHttpPort, Path stateDir, Consumer<String> lines,
                                     Membership membership) {
        return start(size, firstHttpPort, stateDir, lines, membership, id -> List.of());
    }

    /**
     * As {@link #start(int, int, Path, Consumer, Membership)}, each child JVM also given the options
     * {@code jvmOptions} returns for its replica id (system properties such as a test's fault injection),
     * here and whenever {@link #restart(String)} starts it again.
     */
    public static ReplicaGroup start(int size, int firstHttpPort, Path stateDir, Consumer<String> lines,
                                     Membership membership, Function<String, List<String>> jvmOptions) {
        if (size < 2 || size > 9) {
            membership.close();
            throw new IllegalArgumentException("a replica group has 2-9 replicas, not " + size);
        }
        List<String> ids = new ArrayList<>();
        List<Integer> httpPorts = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            ids.add("r" + i);
            httpPorts.add(firstHttpPort == 0 ? FreePorts.tcp() : firstHttpPort + i - 1);
        }
        List<Integer> statePorts = statePorts(size);
        String list = memberList(ids, statePorts);
        String secret = SharedSecret.generate().toBase64();
        List<ReplicaProcess> started = new ArrayList<>();
        try {
            for (int i = size - 1; i >= 0; i--) {
                ReplicaProcess replica = launch(ids.get(i), httpPorts.get(i), statePorts.get(i), list, secret,
                        stateDir, lines, false, membership, jvmOptions.apply(ids.get(i)));
                started.add(0, replica);
                replica.awaitServing(START_LIMIT);
            }
            return new ReplicaGroup(started, list, secret, stateDir, lines, membership, jvmOptions);
        } catch (IOException | RuntimeException e) {
            started.forEach(ReplicaProcess::kill);
            membership.close();
            throw new IllegalStateException("the replica group did not start: " + e.getMessage(), e);
        }
    }

    /**
     * Replication ports for {@code size} replicas, each free for TCP and UDP now, and so is the next one (the
     * Matchmaker group's).
     */
    static List<Integer> statePorts(int size) {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int statePort = FreePorts.tcpAndUdp();
            while (!freeForBoth(statePort + 1)) {
                statePort = FreePorts.tcpAndUdp();
            }
            ports.add(statePort);
        }
        return ports;
    }

    /** The group's member list as a replica is told it: {@code id=127.0.0.1:port,...}. */
    static String memberList(List<String> ids, List<Integer> statePorts) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            list.append(i == 0 ? "" : ",").append(ids.get(i)).append("=127.0.0.1:").append(statePorts.get(i));
        }
        return list.toString();
    }

    /** What makes {@code gridha up} replica {@code id} of the group {@code list} under {@code membership}. */
    static List<String> memberArguments(String id, String list, Membership membership, boolean join) {
        List<String> arguments = new ArrayList<>(List.of("--replica-id", id, "--replica-list", list));
        if (membership.zookeeper()) {
            arguments.addAll(List.of("--zookeeper", membership.connect()));
            if (membership.session() != null) {
                arguments.addAll(List.of("--zookeeper-session-ms", String.valueOf(membership.session().toMillis())));
            }
        } else if (join) {
            arguments.add("--join"); // zookeeper mode finds out by itself that a restarted replica must join
        }
        return arguments;
    }

    private static ReplicaProcess launch(String id, int httpPort, int statePort, String list, String secret,
                                         Path stateDir, Consumer<String> lines, boolean join, Membership membership,
                                         List<String> jvmOptions) throws IOException {
        Path folder = stateDir.resolve(id);
        Files.createDirectories(folder);
        List<String> arguments = new ArrayList<>(List.of("up", "--port", String.valueOf(httpPort), "--state-dir",
                folder.toString()));
        arguments.addAll(memberArguments(id, list, membership, join));
        ProcessBuilder builder = new ProcessBuilder(childCommand(jvmOptions, arguments));
        builder.environment().put(SECRET_VARIABLE, secret);
        builder.redirectErrorStream(true);
        return ReplicaProcess.started(id, httpPort, statePort, builder.start(), line -> lines.accept(id + " | " + line));
    }

    /** The replicas in the group's order (r1 first), as they are now. */
    public List<ReplicaProcess> replicas() {
        return List.copyOf(replicas);
    }

    public Membership membership() {
        return membership;
    }

    /**
     * Starts a replica that died again, on its old ports, as a joiner: it asks the primary to take it in and
     * gets a snapshot before it counts as a backup. Returns once it serves (it may still be joining).
     */
    public ReplicaProcess restart(String id) {
        return restart(id, jvmOptions.apply(id));
    }

    /**
     * As {@link #restart(String)}, with {@code options} for its JVM instead of the group's.
     *
     * @throws IllegalStateException if the group is closed (no process is started then)
     */
    public ReplicaProcess restart(String id, List<String> options) {
        ReplicaProcess fresh;
        synchronized (lifecycle) {
            // under the lock: a process started while close() runs would be left behind, serving nobody
            if (closed) {
                throw new IllegalStateException("the replica group is closed: " + id + " is not restarted");
            }
            int place = placeOf(id);
            ReplicaProcess old = replicas.get(place);
            if (old.isAlive()) {
                throw new IllegalStateException("replica " + id + " is still running");
            }
            try {
                fresh = launch(id, old.httpPort(), old.statePort(), list, secret, stateDir, lines, true, membership,
                        options);
            } catch (IOException e) {
                throw new IllegalStateException("replica " + id + " did not restart: " + e.getMessage(), e);
            }
            replicas.set(place, fresh);
        }
        fresh.awaitServing(START_LIMIT);
        return fresh;
    }

    private int placeOf(String id) {
        for (int i = 0; i < replicas.size(); i++) {
            if (replicas.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no replica " + id + " in the group");
    }

    /** Stops every replica (SIGTERM, SIGKILL after 10 s) and the group's own ZooKeeper server; no restart after. */
    @Override
    public void close() {
        List<ReplicaProcess> running;
        synchronized (lifecycle) {
            closed = true;
            running = List.copyOf(replicas);
        }
        for (ReplicaProcess replica : running) {
            replica.process().destroy();
        }
        for (ReplicaProcess replica : running) {
            try {
                if (!replica.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    replica.kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                replica.kill();
            }
        }
        membership.close();
    }

    private static boolean freeForBoth(int port) {
        try (java.net.ServerSocket tcp = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress());
             java.net.DatagramSocket udp = new java.net.DatagramSocket(new java.net.InetSocketAddress(
                     java.net.InetAddress.getLoopbackAddress(), port))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * This launcher again, as a child JVM with {@code jvmOptions}: by its jar when it runs from one, else by its
     * class path.
     */
    static List<String> childCommand(List<String> jvmOptions, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        Path location = codeLocation();
        if (location != null && location.toString().endsWith(".jar")) {
            command.addAll(List.of("-jar", location.toString()));
        } else {
            command.addAll(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens",
                    "java.base/java.io=ALL-UNNAMED", "--add-opens", "java.rmi/sun.rmi.transport=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), "dev.gridha.launcher.GridhaCommand"));
        }
        String wars = System.getProperty("gridha.wars");
        if (wars != null) {
            command.add(1, "-Dgridha.wars=" + wars);
        }
        command.addAll(arguments);
        return command;
    }

    private static Path codeLocation() {
        try {
            return Path.of(ReplicaGroup.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
