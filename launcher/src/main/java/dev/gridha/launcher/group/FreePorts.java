package dev.gridha.launcher.group;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports a replica can use: free on loopback for TCP, and for UDP too where heartbeats share the number. */
public final class FreePorts {

    private FreePorts() {
    }

    /** A port free for TCP (HTTP). */
    public static int tcp() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /** A port free for TCP (state updates) and UDP (heartbeats) alike. */
    public static int tcpAndUdp() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                 DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                         tcp.getLocalPort()))) {
                return tcp.getLocalPort();
            } catch (BindException e) {
                // taken for UDP: another
            } catch (IOException e) {
                throw new IllegalStateException("no free port", e);
            }
        }
        throw new IllegalStateException("no port free for both TCP and UDP after 50 tries");
    }
}
