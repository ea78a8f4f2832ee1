package dev.gridha.manager.rejuvenation;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The embedded default action: each container is a child process the manager started from a command, and
 * rejuvenating it stops the process (SIGTERM, so the container can close its connections; SIGKILL if it
 * has not exited within the grace) and starts the same command again. The restarted process is a young JVM:
 * whatever it held in memory is gone (state that must survive is in a database or on a backup).
 */
public final class ProcessRestart implements RejuvenationAction, AutoCloseable {

    private final Map<String, ProcessBuilder> commands = new ConcurrentHashMap<>();
    private final Map<String, Process> running = new ConcurrentHashMap<>();
    private final Duration grace;

    /** @param grace how long a container may take to exit after SIGTERM */
    public ProcessRestart(Duration grace) {
        this.grace = Objects.requireNonNull(grace, "grace");
    }

    /**
     * Starts {@code container} from {@code command} and keeps it to restart.
     *
     * @throws RejuvenationException if the command cannot be started
     */
    public Process start(String container, ProcessBuilder command) throws RejuvenationException {
        commands.put(container, command);
        return launch(container);
    }

    @Override
    public void rejuvenate(String container) throws RejuvenationException {
        if (!commands.containsKey(container)) {
            throw new RejuvenationException("no process was started for container " + container);
        }
        stop(container);
        launch(container);
    }

    @Override
    public String describe() {
        return "process restart";
    }

    /** The running process of {@code container}, if any. */
    public Process process(String container) {
        return running.get(container);
    }

    private Process launch(String container) throws RejuvenationException {
        try {
            Process process = commands.get(container).start();
            running.put(container, process);
            return process;
        } catch (IOException e) {
            throw new RejuvenationException("cannot start container " + container + ": " + e.getMessage(), e);
        }
    }

    private void stop(String container) throws RejuvenationException {
        Process process = running.remove(container);
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new RejuvenationException("interrupted while stopping " + container, e);
        }
    }

    /** Stops every container it started. */
    @Override
    public void close() {
        for (String container : running.keySet()) {
            try {
                stop(container);
            } catch (RejuvenationException e) {
                // closing anyway: the rest still get stopped
            }
        }
    }
}
