package dev.gridha.durability.runtime;

/**
 * Used by generated services to answer a resubmitted request as it was answered the first time
 * ({@link DurabilityRuntime#previousResult()}): a recorded value is returned, a recorded fault thrown again.
 */
public final class PreviousResults {

    private PreviousResults() {
    }

    /**
     * @return {@code recorded} if it is a value
     * @throws Throwable {@code recorded} if it is a fault: one the operation declares, as it was recorded only
     *                   when the operation threw it
     */
    public static Object replay(Object recorded) {
        if (recorded instanceof Throwable fault) {
            throw PreviousResults.<RuntimeException>sneaky(fault);
        }
        return recorded;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable fault) throws T {
        throw (T) fault;
    }
}
