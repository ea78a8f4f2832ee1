package dev.gridha.manager.balancer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The balancer as a real HAProxy (Debian's package), driven through its runtime API: the manager writes a
 * minimal configuration (one frontend, one backend without servers, an admin socket only its user can
 * open), runs HAProxy in the foreground as its child, and adds containers as servers at run time
 * ({@code add server}). States map to HAProxy's: active = {@code ready}, standby and draining = {@code drain}
 * (no new requests, those under way finish), down = {@code maint}; in flight is the server's current
 * sessions ({@code scur} of {@code show stat}: HAProxy counts each request's stream while it is attached to
 * a server).
 */
public final class HaproxyBalancer implements Balancer {

    private static final String BACKEND = "containers";
    /** HAProxy's server names: letters, digits, '-', '_', '.'. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final Path folder;
    private final Process haproxy;
    private final HaproxyRuntime runtime;
    private final InetSocketAddress front;
    private final Map<String, URI> servers = new LinkedHashMap<>();
    private final Map<String, BackendState> states = new LinkedHashMap<>();

    private HaproxyBalancer(Path folder, Process haproxy, HaproxyRuntime runtime, InetSocketAddress front) {
        this.folder = folder;
        this.haproxy = haproxy;
        this.runtime = runtime;
        this.front = front;
    }

    /**
     * Starts HAProxy listening on {@code front}.
     *
     * @param executable the haproxy binary ({@code /usr/sbin/haproxy} from Debian's package)
     * @throws IllegalStateException if it cannot start or does not come up within 10 s
     */
    public static HaproxyBalancer start(Path executable, InetSocketAddress front) {
        Path folder;
        try {
            folder = Files.createTempDirectory("gridha-haproxy", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            Files.writeString(folder.resolve("haproxy.cfg"), configuration(folder.resolve("admin.sock"), front));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write HAProxy's configuration", e);
        }
        Process process;
        try {
            process = new ProcessBuilder(executable.toString(), "-db", "-f", folder.resolve("haproxy.cfg").toString())
                    .redirectErrorStream(true).redirectOutput(folder.resolve("haproxy.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + executable + ": " + e.getMessage(), e);
        }
        HaproxyBalancer balancer = new HaproxyBalancer(folder, process, new HaproxyRuntime(folder.resolve("admin.sock")),
                front);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!balancer.listening()) {
            if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                String log = balancer.log();
                balancer.close();
                throw new IllegalStateException("HAProxy did not come up on " + front + ": " + log.strip());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                balancer.close();
                throw new IllegalStateException("interrupted while HAProxy started", e);
            }
        }
        return balancer;
    }

    private static String configuration(Path socket, InetSocketAddress front) {
        return """
                global
                  stats socket %s mode 600 level admin
                  maxconn 2000
                defaults
                  mode http
                  timeout connect 5s
                  timeout client 60s
                  timeout server 60s
                frontend gridha
                  bind %s:%d
                  default_backend %s
                backend %s
                  balance roundrobin
                """.formatted(socket, front.getHostString(), front.getPort(), BACKEND, BACKEND);
    }

    private boolean listening() {
        if (!Files.exists(folder.resolve("admin.sock"))) {
            return false;
        }
        try (Socket probe = new Socket()) {
            probe.connect(front, 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public URI front() {
        return URI.create("http://" + front.getHostString() + ":" + front.getPort());
    }

    @Override
    public synchronized void add(String id, URI base) {
        if (!NAME.matcher(id).matches()) {
            throw new IllegalArgumentException("backend " + id + ": HAProxy server names are 1-64 letters, digits,"
                    + " '-', '_' or '.'");
        }
        if (servers.containsKey(id)) {
            throw new IllegalArgumentException("a backend named " + id + " is already behind the balancer");
        }
        if (!"http".equals(base.getScheme()) || base.getHost() == null || base.getPort() < 0) {
            throw new IllegalArgumentException("backend " + id + ": " + base + " is not http://host:port");
        }
        expect(runtime.command("add server " + BACKEND + "/" + id + " " + base.getHost() + ":" + base.getPort()),
                "New server registered", "add server " + id);
        servers.put(id, base);
        set(id, BackendState.STANDBY);
    }

    @Override
    public void activate(String id) {
        set(id, BackendState.ACTIVE);
    }

    @Override
    public void standBy(String id) {
        set(id, BackendState.STANDBY);
    }

    @Override
    public void drain(String id) {
        set(id, BackendState.DRAINING);
    }

    @Override
    public void down(String id) {
        set(id, BackendState.DOWN);
    }

    private synchronized void set(String id, BackendState state) {
        known(id);
        String haproxyState = switch (state) {
            case ACTIVE -> "ready";
            case STANDBY, DRAINING -> "drain";
            case DOWN -> "maint";
        };
        expect(runtime.command("set server " + BACKEND + "/" + id + " state " + haproxyState), "",
                "set server " + id + " state " + haproxyState);
        states.put(id, state);
    }

    @Override
    public int inFlight(String id) {
        known(id);
        return Integer.parseInt(row(id).getOrDefault("scur", "0"));
    }

    @Override
    public synchronized List<BackendStatus> backends() {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (Map<String, String> row : runtime.stats()) {
            if (BACKEND.equals(row.get("pxname"))) {
                rows.put(row.get("svname"), row);
            }
        }
        List<BackendStatus> statuses = new ArrayList<>();
        servers.forEach((id, base) -> {
            Map<String, String> row = rows.getOrDefault(id, Map.of());
            // rate: sessions over the last second; ttime: mean total time of the last 1024 sessions (ms)
            statuses.add(new BackendStatus(id, base, states.get(id), number(row, "scur"), number(row, "stot"),
                    number(row, "econ") + number(row, "eresp"), number(row, "rate"),
                    row.containsKey("ttime") && !row.get("ttime").isEmpty() ? number(row, "ttime") : Double.NaN));
        });
        return statuses;
    }

    private Map<String, String> row(String id) {
        return runtime.stats().stream().filter(row -> BACKEND.equals(row.get("pxname")) && id.equals(row.get("svname")))
                .findFirst().orElseThrow(() -> new IllegalStateException("HAProxy does not list server " + id));
    }

    private static int number(Map<String, String> row, String column) {
        String value = row.get(column);
        return value == null || value.isEmpty() ? 0 : Integer.parseInt(value);
    }

    private synchronized void known(String id) {
        if (!servers.containsKey(id)) {
            throw new IllegalArgumentException("no backend named " + id + " behind the balancer (there are "
                    + servers.keySet() + ")");
        }
    }

    private static void expect(String answer, String start, String what) {
        String text = answer.strip();
        if (start.isEmpty() ? !text.isEmpty() : !text.startsWith(start)) {
            throw new IllegalStateException("HAProxy refused " + what + ": " + text);
        }
    }

    private String log() {
        try {
            return Files.readString(folder.resolve("haproxy.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        haproxy.destroy();
        try {
            if (!haproxy.waitFor(5, TimeUnit.SECONDS)) {
                haproxy.destroyForcibly();
            }
        } catch (InterruptedException e) {
            haproxy.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
