package dev.gridha.durability.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.gridha.durability.runtime.database.DatabaseConfig;

/**
 * A MariaDB server of the test's own (from the machine's Debian packages), in a temporary data folder on a
 * free port, that the test can kill and start again: the shared server on 3306 must never be stopped.
 */
final class PrivateMariaDb implements AutoCloseable {

    static final Path SERVER = Path.of("/usr/sbin/mariadbd");
    static final Path INSTALL = Path.of("/usr/bin/mariadb-install-db");

    private final Path folder;
    private final int port;
    private Process server;

    private PrivateMariaDb(Path folder, int port) {
        this.folder = folder;
        this.port = port;
    }

    /** Whether this machine has MariaDB's server binaries (the test skips without them). */
    static boolean installed() {
        return Files.isExecutable(SERVER) && Files.isExecutable(INSTALL);
    }

    /** Creates a data folder and starts the server on a free port. */
    static PrivateMariaDb start() throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("gridha-mariadb-");
        Process install = new ProcessBuilder(INSTALL.toString(), "--no-defaults", "--datadir=" + folder.resolve("data"),
                "--user=" + System.getProperty("user.name"), "--auth-root-authentication-method=normal",
                "--skip-test-db").redirectErrorStream(true).redirectOutput(folder.resolve("install.log").toFile())
                .start();
        if (!install.waitFor(60, TimeUnit.SECONDS) || install.exitValue() != 0) {
            throw new IllegalStateException("mariadb-install-db failed: " + Files.readString(folder.resolve("install.log")));
        }
        PrivateMariaDb database = new PrivateMariaDb(folder, freePort());
        database.startServer();
        return database;
    }

    /** Starts the server again on the same data and port (after {@link #kill()}). */
    void startServer() throws IOException, InterruptedException {
        server = new ProcessBuilder(List.of(SERVER.toString(), "--no-defaults", "--datadir=" + folder.resolve("data"),
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + folder.resolve("sock"),
                "--user=" + System.getProperty("user.name"), "--skip-log-bin", "--innodb-buffer-pool-size=16M"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        folder.resolve("server.log").toFile())).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!answers()) {
            if (!server.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("private mariadbd did not start: "
                        + Files.readString(folder.resolve("server.log")));
            }
            Thread.sleep(100);
        }
    }

    /** SIGKILL: the database disappears mid-flight, as a crashed server does. */
    void kill() throws InterruptedException {
        server.destroyForcibly();
        server.waitFor(30, TimeUnit.SECONDS);
    }

    DatabaseConfig config(String database) {
        return new DatabaseConfig("jdbc:mysql://127.0.0.1:" + port + "/" + database
                + "?useSSL=false&allowPublicKeyRetrieval=true&createDatabaseIfNotExist=true&connectTimeout=2000",
                "root", "", 2);
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.destroyForcibly();
            try {
                server.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
