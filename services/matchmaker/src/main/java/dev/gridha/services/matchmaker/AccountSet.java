package dev.gridha.services.matchmaker;

import java.util.HashMap;
import java.util.Map;

/**
 * The Matchmaker's second state object (thesis ch. IV): usage and billing per client. Unlike the machine
 * queue it cannot be rebuilt from the machines, which is why the thesis keeps it in a database.
 *
 * <p>Not thread-safe; the service serializes access.
 */
public class AccountSet implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, Account> accounts = new HashMap<>();

    /** A job was matched to a machine and is now running. */
    public void jobStarted(String clientId) {
        Account a = get(clientId);
        accounts.put(clientId, new Account(clientId, a.jobsSubmitted() + 1, a.jobsRefused(), a.jobsCompleted(),
                a.runningJobs() + 1, a.cpuMhzSeconds(), a.memoryMbSeconds(), a.diskGbSeconds()));
    }

    /** A job was refused because no machine fitted. */
    public void jobRefused(String clientId) {
        Account a = get(clientId);
        accounts.put(clientId, new Account(clientId, a.jobsSubmitted() + 1, a.jobsRefused() + 1,
                a.jobsCompleted(), a.runningJobs(), a.cpuMhzSeconds(), a.memoryMbSeconds(), a.diskGbSeconds()));
    }

    /** A job completed after {@code runtimeSeconds} holding {@code used}: charge it. */
    public void jobCompleted(String clientId, Resources used, long runtimeSeconds) {
        Account a = get(clientId);
        accounts.put(clientId, new Account(clientId, a.jobsSubmitted(), a.jobsRefused(), a.jobsCompleted() + 1,
                a.runningJobs() - 1,
                Math.addExact(a.cpuMhzSeconds(), Math.multiplyExact((long) used.cpuMhz(), runtimeSeconds)),
                Math.addExact(a.memoryMbSeconds(), Math.multiplyExact((long) used.memoryMb(), runtimeSeconds)),
                Math.addExact(a.diskGbSeconds(), Math.multiplyExact((long) used.diskGb(), runtimeSeconds))));
    }

    /**
     * Puts back one client's account as it was stored: how the database mapping rebuilds the set after a
     * failure, one call per row (thesis Fig. IV.5's {@code insertBill}).
     */
    public void restoreAccount(String clientId, long jobsSubmitted, long jobsRefused, long jobsCompleted,
                               long runningJobs, long cpuMhzSeconds, long memoryMbSeconds, long diskGbSeconds) {
        accounts.put(clientId, new Account(clientId, jobsSubmitted, jobsRefused, jobsCompleted, runningJobs,
                cpuMhzSeconds, memoryMbSeconds, diskGbSeconds));
    }

    /** The client's account; all zeros for a client never seen. */
    public Account get(String clientId) {
        return accounts.getOrDefault(clientId, Account.empty(clientId));
    }
}
