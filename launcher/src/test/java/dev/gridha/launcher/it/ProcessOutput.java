package dev.gridha.launcher.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Collects a child process's combined output on a daemon thread, so the process never blocks on a full pipe. */
final class ProcessOutput {

    private final StringBuffer text = new StringBuffer();

    ProcessOutput(Process process, String name) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    text.append(line).append('\n');
                }
            } catch (IOException ignored) {
                // the process ended; what was read is kept
            }
        }, "output-of-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    String text() {
        return text.toString();
    }

    static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
