package dev.gridha.manager.balancer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/** A real HAProxy (Debian's package) driven through its runtime API, against the balancer contract. */
class HaproxyBalancerIT extends BalancerContract {

    private static final Path HAPROXY = Path.of("/usr/sbin/haproxy");

    @BeforeAll
    static void haproxyIsInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(HAPROXY),
                "Debian's haproxy is not installed: ./gridha test installs it as root");
    }

    @Override
    Balancer start() {
        return HaproxyBalancer.start(HAPROXY, new InetSocketAddress(InetAddress.getLoopbackAddress(), freePort()));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
