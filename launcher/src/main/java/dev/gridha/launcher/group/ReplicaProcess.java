package dev.gridha.launcher.group;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One replica of a {@link ReplicaGroup}: {@code gridha up} in its own JVM, serving both WARs as that replica.
 * Its output is read on a daemon thread (so it never blocks on a full pipe) and kept for error reports.
 *
 * @param id         the replica's id in the group's replica lists
 * @param httpPort   its Tomcat's port
 * @param statePort  its Counter group port (state updates over TCP, heartbeats over UDP); the Matchmaker
 *                   group uses the next port
 */
public record ReplicaProcess(String id, int httpPort, int statePort, Process process, StringBuffer output) {

    /** The base URI of one of its webapps, such as {@code /counter}. */
    public URI base(String contextPath) {
        return URI.create("http://127.0.0.1:" + httpPort + contextPath);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills it at once (SIGKILL on Linux): no shutdown hook, no goodbye to its peers. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static ReplicaProcess started(String id, int httpPort, int statePort, Process process, Consumer<String> lines) {
        StringBuffer output = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.append(line).append('\n');
                    lines.accept(line);
                }
            } catch (IOException ignored) {
                // the process ended; what was read is kept
            }
        }, "replica-" + id + "-output");
        reader.setDaemon(true);
        reader.start();
        return new ReplicaProcess(id, httpPort, statePort, process, output);
    }

    /** Waits until it serves, or fails naming why. */
    void awaitServing(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!output.toString().contains("serving on 127.0.0.1:" + httpPort)) {
            if (!process.isAlive()) {
                awaitOutputRead();
                throw new IllegalStateException("replica " + id + " exited with " + process.exitValue() + ":\n"
                        + firstError() + tail());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("replica " + id + " did not start within " + limit.toSeconds()
                        + " s:\n" + tail());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while replica " + id + " started", e);
            }
        }
    }

    /** After the process ended: until its reader has taken the last of its output (at most ~2 s). */
    private void awaitOutputRead() {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        int seen = -1;
        while (output.length() != seen && System.nanoTime() - deadline < 0) {
            seen = output.length();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Its first ERROR line and the few after it (the exception and its message), which a long stack trace would
     * push out of the tail; empty if it logged none.
     */
    String firstError() {
        java.util.List<String> printed = output.toString().lines().toList();
        for (int i = 0; i < printed.size(); i++) {
            if (printed.get(i).contains(" ERROR ")) {
                return "first error:\n" + String.join("\n", printed.subList(i, Math.min(printed.size(), i + 6)))
                        + "\n...\n";
            }
        }
        return "";
    }

    /** The last lines it printed. */
    public String tail() {
        String text = output.toString();
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }
}
