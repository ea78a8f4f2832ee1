package dev.gridha.manager.rejuvenation;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition with a bound. The coordinator's only contact with time, so tests drive it without
 * sleeping ({@link #polling} in production).
 */
@FunctionalInterface
public interface Waiting {

    /** @return whether {@code condition} held within {@code limit} */
    boolean until(BooleanSupplier condition, Duration limit) throws InterruptedException;

    /** Checks every {@code period} on the calling thread. */
    static Waiting polling(Duration period) {
        return (condition, limit) -> {
            long deadline = System.nanoTime() + limit.toNanos();
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() - deadline >= 0) {
                    return false;
                }
                Thread.sleep(period.toMillis());
            }
            return true;
        };
    }
}
