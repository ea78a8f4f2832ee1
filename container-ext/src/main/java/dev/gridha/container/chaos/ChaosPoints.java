package dev.gridha.container.chaos;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where a chaos test stops a primary at a chosen {@link ProtocolStep}, so that the SIGKILL it sends next
 * lands exactly there. Test-only by design: a process is armed by starting it with
 * {@code -Dgridha.chaos.pause-at=STEP@N} (at the N-th pass of STEP, see {@link PauseTrigger}); unarmed, every
 * hook is behind {@link #ENABLED}, a constant the JIT folds, and {@link ChaosFeature} installs no
 * interceptor, so production pays nothing.
 *
 * <p>At the armed pass the thread prints one line, {@value #MARKER}{@code STEP}, to standard output and then
 * blocks for good; so does every later request that reaches the same step. The marker goes to standard
 * output rather than the log because the harness reads the process's output, and must see it whatever the
 * logging configuration.
 *
 * <p>Each WAR carries its own copy of this class, so passes are counted per web application: a process serving
 * two groups stops at whichever of its services reaches the N-th pass first, and only while each of the
 * groups it is primary of has a backup ({@link PrimaryGroups}).
 */
public final class ChaosPoints {

    /** The JVM system property that arms a process: {@code STEP@N}. */
    public static final String PROPERTY = "gridha.chaos.pause-at";
    /** What the stopped process prints, followed by the step's name. */
    public static final String MARKER = "gridha chaos: paused at ";

    // the JMX-reading check exists only in an armed process: an unarmed one builds nothing here
    private static final PauseTrigger TRIGGER = PauseTrigger.parse(System.getProperty(PROPERTY),
            () -> Armed.GROUPS.allBackedUp()).orElse(null);
    /** Whether this process is armed; read once, at class initialization. */
    public static final boolean ENABLED = TRIGGER != null;

    /** Set on a request thread once its action replicated: its reply is the one {@code DURING_REPLY} cuts. */
    private static final ThreadLocal<Boolean> REPLY_CARRIES_UPDATE = new ThreadLocal<>();
    private static final AtomicBoolean ANNOUNCED = new AtomicBoolean();

    private ChaosPoints() {
    }

    /** An action executed and is about to send its update to the backups. */
    public static void beforeStateUpdate() {
        if (ENABLED) {
            stopIfArmed(ProtocolStep.BEFORE_STATE_UPDATE);
        }
    }

    /** Every backup acknowledged the update of the action on this thread; its reply is not written yet. */
    public static void beforeReply() {
        if (!ENABLED) {
            return;
        }
        REPLY_CARRIES_UPDATE.set(Boolean.TRUE);
        stopIfArmed(ProtocolStep.BEFORE_REPLY);
    }

    /** A request begins on this thread: nothing an earlier one left applies to it. */
    static void requestStarts() {
        REPLY_CARRIES_UPDATE.remove();
    }

    static void beforeExecution() {
        stopIfArmed(ProtocolStep.BEFORE_EXECUTION);
    }

    /**
     * The reply on this thread is about to be written: whether it answers a request that replicated an update
     * and is the pass of {@code DURING_REPLY} to stop at (the caller then cuts it and calls {@link #stop}).
     */
    static boolean mustCutReply() {
        boolean carriesUpdate = Boolean.TRUE.equals(REPLY_CARRIES_UPDATE.get());
        REPLY_CARRIES_UPDATE.remove();
        return carriesUpdate && TRIGGER.passes(ProtocolStep.DURING_REPLY);
    }

    private static void stopIfArmed(ProtocolStep step) {
        if (TRIGGER.passes(step)) {
            stop(step);
        }
    }

    /** Prints the marker (once per web application) and blocks this thread until the process is killed. */
    static void stop(ProtocolStep step) {
        if (ANNOUNCED.compareAndSet(false, true)) {
            System.out.println(MARKER + step);
            System.out.flush();
        }
        while (true) {
            try {
                TimeUnit.MINUTES.sleep(1);
            } catch (InterruptedException ignored) {
                // held on purpose: only the harness's SIGKILL may end this request
            }
        }
    }

    /** Initialized at the first pass an armed process counts, never in an unarmed one. */
    private static final class Armed {
        static final PrimaryGroups GROUPS = new PrimaryGroups();
    }
}
