package dev.gridha.services.matchmaker;

/**
 * One client's usage: jobs submitted, refused and completed, jobs still running, and the resources its
 * completed jobs held, in resource-seconds.
 */
public record Account(String clientId, long jobsSubmitted, long jobsRefused, long jobsCompleted,
                      long runningJobs, long cpuMhzSeconds, long memoryMbSeconds, long diskGbSeconds)
        implements java.io.Serializable {

    static Account empty(String clientId) {
        return new Account(clientId, 0, 0, 0, 0, 0, 0, 0);
    }
}
