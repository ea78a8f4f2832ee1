package dev.gridha.launcher.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.security.SecureRandom;

import dev.gridha.bench.durability.DurabilityBenchmark.Service;
import dev.gridha.bench.durability.DurabilityBenchmark.Variant;

/**
 * The deployments the durability benchmark compares, as webapps of one embedded Tomcat: the same two WARs
 * with their alternative mappings (reconstruction, database, replication) and 1 or 2 backups in webapps of
 * their own, connected over the authenticated loopback socket.
 */
public final class DurabilityVariants {

    public static final String MARIADB_URL = "jdbc:mysql://127.0.0.1:3306/test?useSSL=false"
            + "&allowPublicKeyRetrieval=true";

    private final EmbeddedGrid grid;
    private final List<Variant> variants = new ArrayList<>();
    private final String secret = randomSecret();
    private int groups;

    public DurabilityVariants(EmbeddedGrid grid) {
        this.grid = grid;
    }

    /** Deploys every variant (MariaDB ones only where MariaDB answers) and returns them in report order. */
    public List<Variant> deployAll(java.util.function.Consumer<String> progress) {
        Path counter = GridWars.all().get(GridWars.COUNTER);
        Path matchmaker = GridWars.all().get(GridWars.MATCHMAKER);
        boolean mariadb = mariaDbAnswers();
        if (!mariadb) {
            progress.accept("MariaDB does not answer at 127.0.0.1:3306: its variants are skipped");
        }
        standalone("Counter, reconstruction (no durability)", Service.COUNTER, counter, "counter-reconstructed.xml",
                Map.of());
        standalone("Counter, database (H2 file)", Service.COUNTER, counter, "counter.xml", Map.of());
        if (mariadb) {
            standalone("Counter, database (MariaDB)", Service.COUNTER, counter, "counter.xml", mariaDb());
        }
        replicated("Counter, replication, 1 backup", Service.COUNTER, counter, "counter-replicated.xml", 1, Map.of());
        replicated("Counter, replication, 2 backups", Service.COUNTER, counter, "counter-replicated.xml", 2, Map.of());
        replicated("Counter, replication over signed SOAP, 1 backup", Service.COUNTER, counter,
                "counter-replicated.xml", 1, Map.of("gridha.replication.transport", "soap",
                        "gridha.replication.timeout-ms", "15000"));
        standalone("Matchmaker, reconstruction (no durability)", Service.MATCHMAKER, matchmaker,
                "matchmaker-reconstructed.xml", Map.of());
        replicated("Matchmaker, thesis mapping (machines 1 backup, accounts H2)", Service.MATCHMAKER, matchmaker,
                "matchmaker.xml", 1, Map.of());
        if (mariadb) {
            replicated("Matchmaker, thesis mapping (machines 1 backup, accounts MariaDB)", Service.MATCHMAKER,
                    matchmaker, "matchmaker.xml", 1, mariaDb());
        }
        replicated("Matchmaker, all replication, 1 backup", Service.MATCHMAKER, matchmaker,
                "matchmaker-replicated.xml", 1, Map.of());
        standalone("Matchmaker, all database (H2 file)", Service.MATCHMAKER, matchmaker, "matchmaker-database.xml",
                Map.of());
        if (mariadb) {
            standalone("Matchmaker, all database (MariaDB)", Service.MATCHMAKER, matchmaker,
                    "matchmaker-database.xml", mariaDb());
        }
        return List.copyOf(variants);
    }

    private void standalone(String label, Service service, Path war, String mapping, Map<String, String> extra) {
        String path = "/v" + (++groups);
        Map<String, String> parameters = new LinkedHashMap<>(extra);
        parameters.put("gridha.mapping", mapping);
        grid.deploy(new Webapp(path, war, parameters));
        variants.add(new Variant(label, service, grid.endpoint(path, endpointPath(service))));
    }

    private void replicated(String label, Service service, Path war, String mapping, int backups,
                            Map<String, String> extra) {
        String group = "v" + (++groups);
        List<String> addresses = new ArrayList<>();
        boolean soap = "soap".equals(extra.get("gridha.replication.transport"));
        for (int b = 1; b <= backups; b++) {
            int port = freePort();
            String path = "/" + group + "-backup" + b;
            Map<String, String> parameters = new LinkedHashMap<>(extra);
            parameters.putAll(Map.of("gridha.mapping", mapping, "gridha.role", "backup", "gridha.group", group,
                    "gridha.replication.port", String.valueOf(port), "gridha.replication.secret", secret));
            grid.deploy(new Webapp(path, war, parameters));
            addresses.add(soap ? grid.endpoint(path, "/services/replication").toString() : "127.0.0.1:" + port);
        }
        Map<String, String> parameters = new LinkedHashMap<>(extra);
        parameters.putAll(Map.of("gridha.mapping", mapping, "gridha.role", "primary", "gridha.group", group,
                "gridha.backups", String.join(",", addresses), "gridha.replication.secret", secret));
        grid.deploy(new Webapp("/" + group, war, parameters));
        variants.add(new Variant(label, service, grid.endpoint("/" + group, endpointPath(service))));
    }

    private static String endpointPath(Service service) {
        return service == Service.COUNTER ? "/services/counter" : "/services/matchmaker";
    }

    private static Map<String, String> mariaDb() {
        return Map.of("gridha.database.url", MARIADB_URL, "gridha.database.user", "root",
                "gridha.database.password", "");
    }

    private static boolean mariaDbAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), 3306), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("no free port for a backup", e);
        }
    }

    private static String randomSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
