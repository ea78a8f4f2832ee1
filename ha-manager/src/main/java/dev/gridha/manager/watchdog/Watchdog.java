package dev.gridha.manager.watchdog;

/**
 * Decides from a container's liveness checks whether it is dead: only after {@code failuresToDie} failed
 * checks in a row (a check times out on its own bound), so one slow answer during a long collection is not a
 * false alarm; one success makes it alive again. The seed used ldirectord against a static page, tuned the
 * same way. Pure; one per container; not thread-safe (the checking thread owns it).
 */
public final class Watchdog {

    /** What a check changed. */
    public enum Verdict {
        ALIVE,
        /** Failed, but not yet often enough in a row. */
        SUSPECTED,
        /** This check made it dead (reported once). */
        DIED,
        /** Still dead. */
        DEAD,
        /** Alive after being dead (reported once). */
        REVIVED
    }

    private final int failuresToDie;
    private int failures;
    private boolean dead;

    public Watchdog(int failuresToDie) {
        if (failuresToDie < 1) {
            throw new IllegalArgumentException("a container dies after at least one failed check, not " + failuresToDie);
        }
        this.failuresToDie = failuresToDie;
    }

    public Verdict checked(boolean answered) {
        if (answered) {
            failures = 0;
            if (dead) {
                dead = false;
                return Verdict.REVIVED;
            }
            return Verdict.ALIVE;
        }
        failures++;
        if (dead) {
            return Verdict.DEAD;
        }
        if (failures >= failuresToDie) {
            dead = true;
            return Verdict.DIED;
        }
        return Verdict.SUSPECTED;
    }

    public boolean dead() {
        return dead;
    }
}
