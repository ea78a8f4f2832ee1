package dev.gridha.manager.rejuvenation;

/**
 * Brings a standby's request path up to speed just before it takes the requests (the first requests a JVM
 * serves pay for class loading and compilation): the deployment knows which calls are representative and
 * safe to repeat, the coordinator only when to make them.
 */
@FunctionalInterface
public interface Warmup {

    /** None: the standby takes requests as it is. */
    Warmup NONE = container -> { };

    void warm(String container) throws InterruptedException;
}
