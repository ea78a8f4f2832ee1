package dev.gridha.bench.vm;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import dev.gridha.bench.rejuvenation.AnswerGap;
import dev.gridha.bench.rejuvenation.QueryLoad;
import dev.gridha.bench.rejuvenation.RejuvenationBenchmark;

/**
 * The seed's Table 6 "VM reboot" row: clients query the data service in a libvirt guest non-stop, and at mid-run
 * the guest is rebooted (what the HA manager's VM-level rejuvenation does). It counts the failed queries, the
 * downtime (the longest silence overlapping the reboot), and the throughput before the reboot and after the
 * service is back, as {@link RejuvenationBenchmark} does for the other two rows. The guest's own page tells when
 * its new boot is up, so the run can say how much of the silence is the reboot and how much the JVM's start.
 */
public final class VmRebootBenchmark {

    /**
     * One run.
     *
     * @param failedBeforeReboot  failed queries before the reboot: not 0 means the service was already in
     *                            trouble, and the run does not measure the reboot alone
     * @param failedDuringOutage  failed queries between the reboot and the service's first answer after it
     * @param downtime            the longest silence overlapping the reboot
     * @param rebootCallSeconds   how long the reboot call (libvirt's Domain.reboot) took to return
     * @param guestBackSeconds    from the reboot call to the guest's page showing a new boot; NaN if it never did
     * @param serviceBackSeconds  from the reboot call to the first answered query after it; NaN if none came
     * @param throughputBefore    answered queries per second before the reboot
     * @param throughputAfter     the same from the service's first answer after it to the end
     * @param throughput          over the whole run
     */
    public record Run(long answered, long failed, long failedBeforeReboot, long failedDuringOutage,
                      AnswerGap downtime, double rebootCallSeconds, double guestBackSeconds, double serviceBackSeconds,
                      double throughputBefore, double throughputAfter, double throughput) {

        public boolean recovered() {
            return !Double.isNaN(serviceBackSeconds);
        }
    }

    /**
     * The fallback when the data service cannot run in the guest: the init's page alone, polled across a reboot,
     * with no load. A lower bound of the service's downtime: the service needs the page's boot and then its JVM.
     *
     * @param downtime from the page's last answer of the old boot to its first of the new one
     */
    public record PageRun(AnswerGap downtime, double rebootCallSeconds) {
    }

    private final int clients;
    private final Duration before;
    private final Duration after;
    private final Duration recoveryLimit;
    private final Consumer<String> progress;

    /**
     * @param recoveryLimit how long to wait after the reboot for the guest and then the service to answer again
     */
    public VmRebootBenchmark(int clients, Duration before, Duration after, Duration recoveryLimit,
                             Consumer<String> progress) {
        if (clients < 1 || before.isNegative() || before.isZero() || after.isNegative() || after.isZero()
                || recoveryLimit.toSeconds() < 1) {
            throw new IllegalArgumentException("at least one client, and positive times before, after and to recover");
        }
        this.clients = clients;
        this.before = before;
        this.after = after;
        this.recoveryLimit = recoveryLimit;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** Loads the data service at {@code dataAccess}, reboots the guest with {@code reboot} at mid-run. */
    public Run measure(URI dataAccess, GuestProbe guest, RejuvenationBenchmark.Intervention reboot) throws Exception {
        QueryLoad load = QueryLoad.start(dataAccess, clients);
        QueryLoad.Window opened = load.window();
        QueryLoad.Window atReboot;
        QueryLoad.Window back = null;
        QueryLoad.Window closed;
        long rebootStarted;
        long rebootReturned;
        long guestBack = 0;
        long serviceBack = 0;
        try {
            sleepReporting(before, load, "before the reboot");
            String oldBoot = guest.bootId().orElse(null);
            atReboot = load.window();
            progress.accept(String.format(Locale.ROOT, "  rebooting the guest (%,d answered, %,d failed so far)",
                    load.answered(), load.failed()));
            rebootStarted = System.nanoTime();
            reboot.apply();
            rebootReturned = System.nanoTime();
            long deadline = rebootStarted + recoveryLimit.toNanos();
            Optional<String> newBoot = guest.awaitBoot(oldBoot, recoveryLimit);
            if (newBoot.isPresent()) {
                guestBack = System.nanoTime();
                progress.accept(String.format(Locale.ROOT, "  the guest's new boot answers after %.1f s; waiting for"
                        + " the data service", seconds(guestBack - rebootStarted)));
                // an answer after the new boot showed can only come from the new boot's JVM
                long answeredAtBoot = load.answered();
                long nextReport = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (load.answered() == answeredAtBoot && System.nanoTime() - deadline < 0) {
                    Thread.sleep(20);
                    if (System.nanoTime() - nextReport > 0) {
                        nextReport += Duration.ofSeconds(15).toNanos();
                        progress.accept(String.format(Locale.ROOT, "  %.0f s after the reboot: %,d failed so far",
                                seconds(System.nanoTime() - rebootStarted), load.failed()));
                    }
                }
                if (load.answered() > answeredAtBoot) {
                    serviceBack = System.nanoTime();
                    back = load.window();
                    progress.accept(String.format(Locale.ROOT, "  the data service answers again %.1f s after the"
                            + " reboot; %d s more of load", seconds(serviceBack - rebootStarted), after.toSeconds()));
                    sleepReporting(after, load, "after the reboot");
                }
            }
            if (back == null) {
                progress.accept("  no answer within " + recoveryLimit.toSeconds() + " s of the reboot");
            }
            closed = load.window(); // before the clients stop, which waits for the calls under way
        } finally {
            load.close();
        }
        AnswerGap downtime = AnswerGap.longestOverlapping(load.answerTimes(), load.startedNanos(), load.stoppedNanos(),
                List.of(new AnswerGap.Interval(rebootStarted, back != null ? serviceBack : load.stoppedNanos())));
        return new Run(load.answered(), load.failed(), atReboot.failed() - opened.failed(),
                (back != null ? back : closed).failed() - atReboot.failed(),
                downtime, seconds(rebootReturned - rebootStarted),
                guestBack == 0 ? Double.NaN : seconds(guestBack - rebootStarted),
                back == null ? Double.NaN : seconds(serviceBack - rebootStarted),
                atReboot.since(opened).throughput(), back == null ? 0 : closed.since(back).throughput(),
                load.throughput());
    }

    /** The fallback: the guest's page alone across a reboot (see {@link PageRun}). */
    public PageRun measurePage(GuestProbe guest, RejuvenationBenchmark.Intervention reboot) throws Exception {
        String oldBoot = guest.bootId()
                .orElseThrow(() -> new IllegalStateException("the guest's page does not answer"));
        long lastOld = System.nanoTime();
        long started = lastOld;
        reboot.apply();
        long returned = System.nanoTime();
        long deadline = started + recoveryLimit.toNanos();
        while (System.nanoTime() - deadline < 0) {
            Optional<String> boot = guest.bootId();
            long now = System.nanoTime();
            if (boot.isPresent() && boot.get().equals(oldBoot)) {
                lastOld = now;
            } else if (boot.isPresent()) {
                return new PageRun(new AnswerGap(lastOld, now), seconds(returned - started));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the guest's page did not answer within " + recoveryLimit.toSeconds()
                + " s of the reboot");
    }

    private void sleepReporting(Duration length, QueryLoad load, String phase) throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        long step = Duration.ofSeconds(15).toNanos();
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Thread.sleep(Math.max(1, Math.min(left, step) / 1_000_000));
            if (end - System.nanoTime() > 0) {
                progress.accept(String.format(Locale.ROOT, "  %s: %,d answered, %,d failed so far", phase,
                        load.answered(), load.failed()));
            }
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
