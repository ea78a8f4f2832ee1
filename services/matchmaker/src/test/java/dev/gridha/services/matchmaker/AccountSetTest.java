package dev.gridha.services.matchmaker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccountSetTest {

    private final AccountSet accounts = new AccountSet();

    @Test
    void unknownClientIsAllZeros() {
        assertThat(accounts.get("nobody")).isEqualTo(new Account("nobody", 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void startedJobCountsAsSubmittedAndRunning() {
        accounts.jobStarted("alice");
        accounts.jobStarted("alice");

        Account a = accounts.get("alice");
        assertThat(a.jobsSubmitted()).isEqualTo(2);
        assertThat(a.runningJobs()).isEqualTo(2);
        assertThat(a.jobsRefused()).isZero();
        assertThat(a.jobsCompleted()).isZero();
    }

    @Test
    void refusedJobCountsAsSubmittedAndRefusedButNotRunning() {
        accounts.jobRefused("alice");

        assertThat(accounts.get("alice")).isEqualTo(new Account("alice", 1, 1, 0, 0, 0, 0, 0));
    }

    @Test
    void completedJobIsChargedResourcesTimesRuntime() {
        accounts.jobStarted("alice");
        accounts.jobCompleted("alice", new Resources(2000, 512, 7), 30);

        assertThat(accounts.get("alice")).isEqualTo(new Account("alice", 1, 0, 1, 0,
                2000L * 30, 512L * 30, 7L * 30));
    }

    @Test
    void chargesAccumulateOverJobs() {
        accounts.jobStarted("alice");
        accounts.jobStarted("alice");
        accounts.jobCompleted("alice", new Resources(100, 10, 1), 5);
        accounts.jobCompleted("alice", new Resources(300, 20, 2), 10);

        Account a = accounts.get("alice");
        assertThat(a.jobsCompleted()).isEqualTo(2);
        assertThat(a.runningJobs()).isZero();
        assertThat(a.cpuMhzSeconds()).isEqualTo(100 * 5 + 300 * 10);
        assertThat(a.memoryMbSeconds()).isEqualTo(10 * 5 + 20 * 10);
        assertThat(a.diskGbSeconds()).isEqualTo(1 * 5 + 2 * 10);
    }

    @Test
    void chargeDoesNotOverflowIntForLargeButValidRequests() {
        accounts.jobStarted("alice");
        accounts.jobCompleted("alice", new Resources(RequestLimits.MAX_CPU_MHZ, RequestLimits.MAX_MEMORY_MB,
                RequestLimits.MAX_DISK_GB), RequestLimits.MAX_RUNTIME_SECONDS);

        assertThat(accounts.get("alice").memoryMbSeconds())
                .isEqualTo((long) RequestLimits.MAX_MEMORY_MB * RequestLimits.MAX_RUNTIME_SECONDS);
    }

    @Test
    void zeroRuntimeChargesNothing() {
        accounts.jobStarted("alice");
        accounts.jobCompleted("alice", new Resources(2000, 512, 7), 0);

        assertThat(accounts.get("alice").cpuMhzSeconds()).isZero();
        assertThat(accounts.get("alice").jobsCompleted()).isEqualTo(1);
    }

    @Test
    void clientsAreKeptApart() {
        accounts.jobStarted("alice");
        accounts.jobRefused("bob");
        accounts.jobCompleted("alice", new Resources(1, 1, 1), 1);

        assertThat(accounts.get("alice")).isEqualTo(new Account("alice", 1, 0, 1, 0, 1, 1, 1));
        assertThat(accounts.get("bob")).isEqualTo(new Account("bob", 1, 1, 0, 0, 0, 0, 0));
    }

    @Test
    void restoreAccountPutsBackAStoredAccountAndLaterChargesAddToIt() {
        accounts.restoreAccount("carol", 5, 1, 3, 1, 600, 700, 800);
        assertThat(accounts.get("carol")).isEqualTo(new Account("carol", 5, 1, 3, 1, 600, 700, 800));
        accounts.jobCompleted("carol", new Resources(10, 20, 30), 2);
        assertThat(accounts.get("carol")).isEqualTo(new Account("carol", 5, 1, 4, 0, 620, 740, 860));
    }
}
