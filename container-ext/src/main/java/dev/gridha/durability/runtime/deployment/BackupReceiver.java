package dev.gridha.durability.runtime.deployment;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gridha.container.replication.Acknowledgement;
import dev.gridha.container.replication.BackupLog;
import dev.gridha.container.replication.StateUpdate;
import dev.gridha.container.replication.StateUpdateHandler;

/**
 * A backup's receiving side, as the thesis has it: acknowledge an update as soon as it is held, apply it
 * afterwards on one thread in sequence order. The primary's reply therefore waits for receipt, not for
 * application; what that costs at failover (the queue a promoted backup must drain first) is in
 * docs/DURABILITY-DESIGN.md.
 */
final class BackupReceiver implements StateUpdateHandler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackupReceiver.class);

    private final BackupLog log;
    private final ExecutorService applier;

    BackupReceiver(BackupLog log, String group) {
        this.log = log;
        this.applier = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "gridha-backup-apply-" + group);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public Acknowledgement receive(StateUpdate update) {
        Acknowledgement acknowledgement = log.receive(update);
        if (acknowledgement.isReceived()) {
            applier.execute(this::applyReady);
        }
        return acknowledgement;
    }

    private void applyReady() {
        try {
            log.applyReady();
        } catch (RuntimeException e) {
            // The backup's copy no longer follows the primary; it must not be promoted (issue 4 catches up).
            LOG.error("backup could not apply an update after sequence {}: {}", log.lastApplied(), e.toString(), e);
        }
    }

    /** Waits until every update received so far has been applied (for an orderly stop and for tests). */
    void drain() {
        try {
            applier.submit(() -> { }).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("backup did not finish applying its updates", e);
        }
    }

    BackupLog log() {
        return log;
    }

    @Override
    public void close() {
        applier.shutdownNow();
    }
}
