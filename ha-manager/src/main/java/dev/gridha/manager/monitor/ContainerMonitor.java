package dev.gridha.manager.monitor;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import dev.gridha.manager.aging.AgingDetector;
import dev.gridha.manager.aging.AgingPolicy;
import dev.gridha.manager.aging.Assessment;
import dev.gridha.manager.aging.MemorySample;
import dev.gridha.manager.aging.Trend;
import dev.gridha.manager.events.EventLog;
import dev.gridha.manager.probe.Probe;
import dev.gridha.manager.probe.ProbeException;
import dev.gridha.manager.rejuvenation.Readiness;
import dev.gridha.manager.watchdog.Watchdog;
import dev.gridha.probe.ProbeReading;

/**
 * One container watched: each round reads its probe into its aging detector and checks its liveness for
 * its watchdog. The detector's clock is the container's uptime (monotonic within one JVM; when it goes back
 * the container was restarted, and the detector starts over). Not thread-safe: the manager's loop owns it.
 */
public final class ContainerMonitor {

    /** How many readings the status page's heap sparkline shows (10 minutes at the seed's 5 s). */
    private static final int HISTORY = 120;

    /** What one round found. */
    public record Observation(ProbeReading reading, Assessment assessment, Watchdog.Verdict verdict) {

        /** Whether the detector says to rejuvenate now. */
        public boolean aging() {
            return assessment != null && assessment.aging();
        }
    }

    private final String id;
    private final Probe probe;
    private final Readiness liveness;
    private final AgingPolicy policy;
    private final int failuresToDie;
    private final EventLog events;
    /** Whether this incarnation's outpacing leak has been reported (once is enough). */
    private boolean outpacedReported;
    private AgingDetector detector;
    private Watchdog watchdog;
    private long lastUptime = -1;
    private boolean probeSilent;
    private volatile ContainerView view;
    /** The live heap of the last readings, for the status page. */
    private final ArrayDeque<Long> history = new ArrayDeque<>();

    public ContainerMonitor(String id, Probe probe, Readiness liveness, AgingPolicy policy, int failuresToDie,
                            EventLog events) {
        this.id = Objects.requireNonNull(id, "id");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.liveness = Objects.requireNonNull(liveness, "liveness");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.failuresToDie = failuresToDie;
        this.events = Objects.requireNonNull(events, "events");
        renewed();
        view = new ContainerView(id, null, false, false, false, "not observed yet", Double.NaN, OptionalLong.empty(),
                List.of());
    }

    /** The container was restarted (rejuvenated or recovered): its history no longer says anything. */
    public void renewed() {
        detector = new AgingDetector(policy);
        watchdog = new Watchdog(failuresToDie);
        lastUptime = -1;
        outpacedReported = false;
    }

    public Observation observe() throws InterruptedException {
        return observe(true);
    }

    /**
     * @param judged false while the manager itself restarts the container: its silence is expected, so it
     *               feeds neither the watchdog nor the event log (the view still shows what the probe says)
     */
    public Observation observe(boolean judged) throws InterruptedException {
        ProbeReading reading = null;
        Assessment assessment = null;
        try {
            reading = probe.read();
            if (probeSilent) {
                if (judged) {
                    events.record(id, "probe-back", "the probe answers again");
                }
                probeSilent = false;
            }
            if (reading.uptimeMillis() <= lastUptime) {
                if (judged) {
                    events.record(id, "restarted", "uptime went back: the container was restarted behind the"
                            + " manager's back; aging history cleared");
                }
                detector = new AgingDetector(policy);
            }
            lastUptime = reading.uptimeMillis();
            history.addLast(reading.liveHeap());
            while (history.size() > HISTORY) {
                history.removeFirst();
            }
            assessment = detector.observe(new MemorySample(reading.uptimeMillis(), reading.liveHeap(), reading.heapMax()));
            if (judged && assessment.aging()) {
                reportIfOutpaced(assessment);
            }
        } catch (ProbeException e) {
            if (!probeSilent && judged) {
                events.record(id, "probe-silent", e.getMessage() + " (the watchdog decides whether it is dead)");
                probeSilent = true;
            }
        }
        boolean alive = liveness.ready(id);
        Watchdog.Verdict verdict = judged ? watchdog.checked(alive) : Watchdog.Verdict.ALIVE;
        if (verdict == Watchdog.Verdict.DIED) {
            events.record(id, "watchdog", "no liveness answer " + failuresToDie + " times in a row: dead");
        }
        ProbeReading shown = reading != null ? reading : view.reading();
        view = new ContainerView(id, shown, reading != null, alive, watchdog.dead(),
                assessment == null ? "probe silent" : assessment.reason(),
                assessment == null ? view.heapTrend() : assessment.trend().map(Trend::bytesPerSecond).orElse(Double.NaN),
                assessment == null ? OptionalLong.empty() : assessment.millisToExhaustion(),
                List.copyOf(history));
        return new Observation(reading, assessment, verdict);
    }

    /** Once per incarnation: the trend that made it aging would also age its standby out before it is back. */
    private void reportIfOutpaced(Assessment assessment) {
        Optional<Trend> trend = assessment.trend().filter(policy::outpacedBy);
        if (outpacedReported || trend.isEmpty()) {
            return;
        }
        outpacedReported = true;
        events.record(id, "outpaced", String.format(java.util.Locale.ROOT, "memory grows %.1f MiB/s: a fresh"
                        + " %.0f MiB heap would fill in %.1f s, sooner than the %d s a rejuvenation takes; the standby"
                        + " would age out before this container is back: add containers or heap, or lower the load",
                trend.get().bytesPerSecond() / (1 << 20), trend.get().maxBytes() / (double) (1 << 20),
                trend.get().maxBytes() / trend.get().bytesPerSecond(), policy.rejuvenationTime().toSeconds()));
    }

    public String id() {
        return id;
    }

    public ContainerView view() {
        return view;
    }
}
