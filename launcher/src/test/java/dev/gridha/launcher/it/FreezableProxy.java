package dev.gridha.launcher.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder a test can freeze: from then on it accepts and reads but passes nothing on and closes
 * nothing, as a host that died without a reset looks to a client (its calls hang until their timeout).
 */
final class FreezableProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int target;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean frozen;

    FreezableProxy(int target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    void freeze() {
        frozen = true;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket in = listener.accept();
                open.add(in);
                if (frozen) {
                    daemon(() -> swallow(in));
                    continue;
                }
                Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
                open.add(out);
                daemon(() -> pump(in, out));
                daemon(() -> pump(out, in));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (!frozen) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
        } catch (IOException ended) {
            // closed by the test
        }
    }

    private static void swallow(Socket socket) {
        byte[] buffer = new byte[8192];
        try {
            InputStream in = socket.getInputStream();
            while (in.read(buffer) >= 0) {
                // read and drop
            }
        } catch (IOException ended) {
            // closed by the test
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "freezable-proxy");
        thread.setDaemon(true);
        thread.start();
    }
}
