package dev.gridha.launcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gridha.client.GridServiceFault;
import dev.gridha.client.MatchmakerClient;
import dev.gridha.client.NoMatchingMachineException;
import dev.gridha.contracts.matchmaker.AccountType;

/**
 * The Matchmaker WAR in embedded Tomcat, driven through {@link MatchmakerClient}.
 *
 * <p>The matchmaker is shared by every IT in the JVM and never forgets a machine, so each test gives its
 * machines and jobs a fresh id prefix and a fresh resource "signature": CPU {@code BASE_CPU + s} and memory
 * {@code BASE_MEMORY - s}. A job asking for a signature fits only machines of that signature (any other
 * machine has less CPU or less memory), so first-fit answers do not depend on what other tests advertised.
 * Disk varies within a test to tell its own machines apart. Counts are compared before and after. The
 * machines stay below the maximum CPU so that WireContractIT's maximal job never lands on one of them.
 */
class MatchmakerServiceIT {

    private static final int BASE_CPU = 100_000;
    private static final int BASE_MEMORY = 1_000_000;
    /** Signatures, distinct within the run; the random start keeps them apart from an earlier run's too. */
    private static final AtomicInteger SIGNATURES = new AtomicInteger(ThreadLocalRandom.current().nextInt(1, 700_000));

    private static MatchmakerClient matchmaker;

    private String prefix;
    private int cpu;
    private int memory;

    @BeforeAll
    static void connect() {
        matchmaker = new MatchmakerClient(SharedGrid.matchmakerEndpoint());
    }

    @BeforeEach
    void freshIdsAndSignature() {
        prefix = "mmit-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        int signature = SIGNATURES.getAndIncrement();
        cpu = BASE_CPU + signature;
        memory = BASE_MEMORY - signature;
    }

    private boolean advertise(String machine, int diskGb) {
        return matchmaker.advertise(prefix + machine, cpu, memory, diskGb,
                URI.create("https://" + prefix + machine + ".example/jobs"), List.of("linux", "x86_64"));
    }

    private MatchmakerClient.Assignment submit(String job, String client, int diskGb) {
        return matchmaker.submit(prefix + job, prefix + client, cpu, memory, diskGb, 1);
    }

    @Test
    void advertiseReportsNewThenUpdatedAndCountsTheMachine() {
        int before = matchmaker.machineCount();

        assertThat(advertise("m1", 10)).isTrue();
        assertThat(advertise("m1", 20)).isFalse();

        assertThat(matchmaker.machineCount()).isEqualTo(before + 1);
    }

    @Test
    void submitAssignsTheFirstAdvertisedMachineThatFits() {
        advertise("small", 5);
        advertise("big-1", 100);
        advertise("big-2", 100);

        MatchmakerClient.Assignment first = submit("j1", "alice", 50);
        MatchmakerClient.Assignment second = submit("j2", "alice", 50);
        MatchmakerClient.Assignment third = submit("j3", "alice", 1);

        assertThat(first.machineId()).isEqualTo(prefix + "big-1");
        assertThat(first.address()).isEqualTo("https://" + prefix + "big-1.example/jobs");
        assertThat(second.machineId()).isEqualTo(prefix + "big-2");
        assertThat(third.machineId()).isEqualTo(prefix + "small");
    }

    @Test
    void jobThatNoFreeMachineFitsIsRefusedWithTheMachineCounts() {
        advertise("only", 10);
        submit("running", "alice", 10);
        int advertised = matchmaker.machineCount();
        int free = matchmaker.freeMachineCount();

        assertThatExceptionOfType(NoMatchingMachineException.class)
                .isThrownBy(() -> submit("refused", "alice", 10))
                .satisfies(e -> {
                    assertThat(e.errorCode()).isEqualTo("match.none");
                    assertThat(e.faultName()).isEqualTo("NoMatchingMachineFault");
                    assertThat(e.advertisedMachines()).isEqualTo(advertised);
                    assertThat(e.freeMachines()).isEqualTo(free);
                });

        assertThat(matchmaker.freeMachineCount()).isEqualTo(free);
        assertThat(matchmaker.machineCount()).isEqualTo(advertised);
    }

    @Test
    void completeReleasesTheMachineForTheNextJob() {
        advertise("m1", 10);
        submit("j1", "alice", 10);
        assertThatExceptionOfType(NoMatchingMachineException.class).isThrownBy(() -> submit("j2", "alice", 10));

        assertThat(matchmaker.complete(prefix + "j1", 5)).isEqualTo(prefix + "m1");

        assertThat(submit("j2", "alice", 10).machineId()).isEqualTo(prefix + "m1");
    }

    @Test
    void completeFreesOneMachineInTheCounts() {
        advertise("m1", 10);
        submit("j1", "alice", 10);
        int free = matchmaker.freeMachineCount();

        matchmaker.complete(prefix + "j1", 1);

        assertThat(matchmaker.freeMachineCount()).isEqualTo(free + 1);
    }

    @Test
    void accountCountsJobsAndChargesResourceSeconds() {
        advertise("m1", 10);
        submit("done", "alice", 7);
        matchmaker.complete(prefix + "done", 30);
        submit("running", "alice", 3);
        assertThatExceptionOfType(NoMatchingMachineException.class).isThrownBy(() -> submit("refused", "alice", 1));

        AccountType account = matchmaker.account(prefix + "alice");

        assertThat(account.getClientId()).isEqualTo(prefix + "alice");
        assertThat(account.getJobsSubmitted()).isEqualTo(3);
        assertThat(account.getJobsRefused()).isEqualTo(1);
        assertThat(account.getJobsCompleted()).isEqualTo(1);
        assertThat(account.getRunningJobs()).isEqualTo(1);
        assertThat(account.getCpuMhzSeconds()).isEqualTo((long) cpu * 30);
        assertThat(account.getMemoryMbSeconds()).isEqualTo((long) memory * 30);
        assertThat(account.getDiskGbSeconds()).isEqualTo(7L * 30);
    }

    @Test
    void accountOfAnUnknownClientIsAllZeros() {
        AccountType account = matchmaker.account(prefix + "nobody");
        assertThat(List.of(account.getJobsSubmitted(), account.getJobsRefused(), account.getJobsCompleted(),
                account.getRunningJobs(), account.getCpuMhzSeconds())).containsOnly(0L);
    }

    @Test
    void machineCountPropertiesFollowAdvertiseSubmitAndComplete() {
        int machines = matchmaker.machineCount();
        int free = matchmaker.freeMachineCount();

        advertise("m1", 10);
        advertise("m2", 10);
        assertThat(matchmaker.machineCount()).isEqualTo(machines + 2);
        assertThat(matchmaker.freeMachineCount()).isEqualTo(free + 2);

        submit("j1", "alice", 10);
        assertThat(matchmaker.machineCount()).isEqualTo(machines + 2);
        assertThat(matchmaker.freeMachineCount()).isEqualTo(free + 1);

        matchmaker.complete(prefix + "j1", 1);
        assertThat(matchmaker.freeMachineCount()).isEqualTo(free + 2);
    }

    @Test
    void invalidAdvertisementsAreGridServiceFaultsWithARequestErrorCode() {
        int machines = matchmaker.machineCount();
        URI address = URI.create("https://n.example/");

        assertRequestFault(() -> matchmaker.advertise(prefix + "bad id", 1000, 1024, 1, address, List.of()),
                "request.invalid-id");
        assertRequestFault(() -> matchmaker.advertise(prefix + "m", -1, 1024, 1, address, List.of()),
                "request.out-of-range");
        assertRequestFault(() -> matchmaker.advertise(prefix + "m", 1000, 1024, 1, URI.create("relative/path"),
                List.of()), "request.invalid-address");
        assertRequestFault(() -> matchmaker.advertise(prefix + "m", 1000, 1024, 1, address, List.of("two words")),
                "request.invalid-capability");

        assertThat(matchmaker.machineCount()).isEqualTo(machines);
    }

    @Test
    void invalidSubmissionsAndCompletionsAreGridServiceFaultsAndChangeNothing() {
        advertise("m1", 10);
        int free = matchmaker.freeMachineCount();

        assertRequestFault(() -> matchmaker.submit(prefix + "j1", prefix + "alice", cpu, memory, 1, 101),
                "request.out-of-range");
        assertRequestFault(() -> matchmaker.submit(prefix + "j1", "", cpu, memory, 1, 1), "request.invalid-id");
        assertRequestFault(() -> matchmaker.complete(prefix + "j1", -1), "request.out-of-range");

        assertThat(matchmaker.freeMachineCount()).isEqualTo(free);
        assertThat(matchmaker.account(prefix + "alice").getJobsSubmitted()).isZero();
    }

    @Test
    void completingAnUnknownJobAndSubmittingADuplicateAreRefused() {
        advertise("m1", 10);
        advertise("m2", 10);
        submit("j1", "alice", 10);

        assertThatExceptionOfType(GridServiceFault.class).isThrownBy(() -> submit("j1", "alice", 10))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("job.duplicate"));
        assertThatExceptionOfType(GridServiceFault.class).isThrownBy(() -> matchmaker.complete(prefix + "ghost", 1))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("job.unknown"));
        assertThat(matchmaker.account(prefix + "alice").getJobsSubmitted()).isEqualTo(1);
    }

    private static void assertRequestFault(Runnable call, String code) {
        assertThatExceptionOfType(GridServiceFault.class).isThrownBy(call::run)
                .satisfies(e -> {
                    assertThat(e).isNotInstanceOf(NoMatchingMachineException.class);
                    assertThat(e.faultName()).isEqualTo("InvalidRequestFault");
                    assertThat(e.errorCode()).startsWith("request.").isEqualTo(code);
                });
    }
}
