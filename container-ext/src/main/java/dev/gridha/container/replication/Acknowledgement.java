package dev.gridha.container.replication;

import java.util.Objects;

/**
 * A backup's answer to one state update. {@link Outcome#RECEIVED} means the backup holds the update and
 * will apply it (it may apply later, as in the thesis); anything else means the primary must not reply
 * on the strength of this backup.
 *
 * @param sequence the update's sequence number
 * @param outcome  what the backup did with it
 * @param reason   why it was refused; empty when received
 */
public record Acknowledgement(long sequence, Outcome outcome, String reason) {

    /** What a backup did with an update. */
    public enum Outcome {
        /** Held, to be applied in sequence order. */
        RECEIVED,
        /** Refused: stale epoch, wrong group, or the backup could not hold it. */
        REJECTED
    }

    public Acknowledgement {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
    }

    public static Acknowledgement received(long sequence) {
        return new Acknowledgement(sequence, Outcome.RECEIVED, "");
    }

    public static Acknowledgement rejected(long sequence, String reason) {
        return new Acknowledgement(sequence, Outcome.REJECTED, reason);
    }

    public boolean isReceived() {
        return outcome == Outcome.RECEIVED;
    }
}
