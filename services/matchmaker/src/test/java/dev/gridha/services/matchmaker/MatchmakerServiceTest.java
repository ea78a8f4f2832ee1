package dev.gridha.services.matchmaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import javax.xml.namespace.QName;

import jakarta.xml.bind.JAXBElement;
import jakarta.xml.ws.Holder;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gridha.container.wsrf.BaseFaults;
import dev.gridha.contracts.matchmaker.AccountType;
import dev.gridha.contracts.matchmaker.InvalidRequestFault;
import dev.gridha.contracts.matchmaker.InvalidResourcePropertyQNameFault;
import dev.gridha.contracts.matchmaker.NoMatchingMachineFault;

/** The service's operations called directly, without CXF: validation, the two state objects, and faults. */
class MatchmakerServiceTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private MachineQueue machines;
    private AccountSet accounts;
    private MatchmakerService service;

    @BeforeEach
    void setUp() {
        machines = new MachineQueue();
        accounts = new AccountSet();
        // The state factories are the seam: the test hands in objects it can inspect.
        service = new MatchmakerService(Clock.fixed(NOW, ZoneOffset.UTC)) {
            @Override
            protected MachineQueue newMachineQueue() {
                return machines;
            }

            @Override
            protected AccountSet newAccountSet() {
                return accounts;
            }
        };
    }

    private boolean advertise(String id, int cpu, int mem, int disk) throws InvalidRequestFault {
        Holder<Boolean> registered = new Holder<>();
        Holder<Integer> count = new Holder<>();
        service.machineAdvertise(id, cpu, mem, disk, "http://" + id + ".example/run", List.of("linux"),
                registered, count);
        assertThat(count.value).isEqualTo(machines.machineCount());
        return registered.value;
    }

    private String[] submit(String jobId, String clientId, int cpu, int mem, int disk)
            throws InvalidRequestFault, NoMatchingMachineFault {
        Holder<String> machineId = new Holder<>();
        Holder<String> address = new Holder<>();
        service.jobSubmit(jobId, clientId, cpu, mem, disk, 5, machineId, address);
        return new String[] {machineId.value, address.value};
    }

    /** Asserts an InvalidRequestFault with this error code and that neither state object changed. */
    private void assertRefusedWithoutChange(ThrowingCallable call, String code) throws Exception {
        int machineCount = machines.machineCount();
        int free = machines.freeMachineCount();
        AccountType before = service.getAccount("alice");

        assertThatExceptionOfType(InvalidRequestFault.class).isThrownBy(call).satisfies(fault -> {
            assertThat(fault.getFaultInfo().getErrorCode().getContent()).containsExactly(code);
            assertThat(fault.getFaultInfo().getErrorCode().getDialect()).isEqualTo(BaseFaults.ERROR_CODE_DIALECT);
            assertThat(fault.getFaultInfo().getDescription()).containsExactly(fault.getMessage());
            assertThat(fault.getFaultInfo().getTimestamp().toGregorianCalendar().toInstant()).isEqualTo(NOW);
        });

        assertThat(machines.machineCount()).isEqualTo(machineCount);
        assertThat(machines.freeMachineCount()).isEqualTo(free);
        assertThat(service.getAccount("alice")).usingRecursiveComparison().isEqualTo(before);
    }

    @Test
    void advertiseRegistersNewMachinesAndUpdatesKnownOnes() throws Exception {
        assertThat(advertise("m1", 1000, 1024, 10)).isTrue();
        assertThat(advertise("m2", 1000, 1024, 10)).isTrue();
        assertThat(advertise("m1", 2000, 2048, 20)).isFalse();
        assertThat(machines.machineCount()).isEqualTo(2);
    }

    @Test
    void advertiseWithNullCapabilitiesIsAccepted() throws Exception {
        Holder<Boolean> registered = new Holder<>();
        Holder<Integer> count = new Holder<>();
        service.machineAdvertise("m1", 1000, 1024, 10, "http://m1/", null, registered, count);
        assertThat(registered.value).isTrue();
        assertThat(count.value).isEqualTo(1);
    }

    @Test
    void submittedJobGetsTheFirstFittingMachineAndCountsAsStarted() throws Exception {
        advertise("small", 500, 512, 1);
        advertise("big", 4000, 8192, 100);

        String[] assignment = submit("j1", "alice", 1000, 1024, 10);

        assertThat(assignment).containsExactly("big", "http://big.example/run");
        assertThat(machines.freeMachineCount()).isEqualTo(1);
        AccountType account = service.getAccount("alice");
        assertThat(account.getClientId()).isEqualTo("alice");
        assertThat(account.getJobsSubmitted()).isEqualTo(1);
        assertThat(account.getRunningJobs()).isEqualTo(1);
        assertThat(account.getJobsRefused()).isZero();
    }

    @Test
    void refusedJobCountsAsRefusedAndLeavesMachinesFree() throws Exception {
        advertise("m1", 1000, 1024, 10);
        advertise("m2", 1000, 1024, 10);
        submit("running", "bob", 1, 1, 0);

        assertThatExceptionOfType(NoMatchingMachineFault.class)
                .isThrownBy(() -> submit("too-big", "alice", 999_999, 1, 0))
                .satisfies(fault -> {
                    assertThat(fault.getFaultInfo().getErrorCode().getContent()).containsExactly("match.none");
                    assertThat(fault.getFaultInfo().getFreeMachines()).isEqualTo(1);
                    assertThat(fault.getFaultInfo().getAdvertisedMachines()).isEqualTo(2);
                    assertThat(fault.getMessage()).contains("999999 MHz").contains("1 of 2 machines free");
                });

        assertThat(machines.freeMachineCount()).isEqualTo(1);
        assertThat(machines.runningJob("too-big")).isEmpty();
        AccountType alice = service.getAccount("alice");
        assertThat(alice.getJobsSubmitted()).isEqualTo(1);
        assertThat(alice.getJobsRefused()).isEqualTo(1);
        assertThat(alice.getRunningJobs()).isZero();
    }

    @Test
    void completeReleasesTheMachineAndChargesTheClient() throws Exception {
        advertise("m1", 4000, 8192, 100);
        submit("j1", "alice", 1000, 2048, 10);

        assertThat(service.jobComplete("j1", 60)).isEqualTo("m1");

        assertThat(machines.freeMachineCount()).isEqualTo(1);
        AccountType account = service.getAccount("alice");
        assertThat(account.getJobsCompleted()).isEqualTo(1);
        assertThat(account.getRunningJobs()).isZero();
        assertThat(account.getCpuMhzSeconds()).isEqualTo(60_000);
        assertThat(account.getMemoryMbSeconds()).isEqualTo(2048 * 60);
        assertThat(account.getDiskGbSeconds()).isEqualTo(600);
        // The freed machine takes the next job.
        assertThat(submit("j2", "bob", 1, 1, 0)[0]).isEqualTo("m1");
    }

    @Test
    void completingAnUnknownJobIsJobUnknown() throws Exception {
        advertise("m1", 4000, 8192, 100);
        assertRefusedWithoutChange(() -> service.jobComplete("never-submitted", 1), "job.unknown");
    }

    @Test
    void completingAJobTwiceIsJobUnknownAndChargesOnce() throws Exception {
        advertise("m1", 4000, 8192, 100);
        submit("j1", "alice", 1000, 1, 0);
        service.jobComplete("j1", 10);

        assertRefusedWithoutChange(() -> service.jobComplete("j1", 10), "job.unknown");
        assertThat(service.getAccount("alice").getCpuMhzSeconds()).isEqualTo(10_000);
    }

    @Test
    void completingARefusedJobIsJobUnknown() throws Exception {
        advertise("m1", 1, 1, 0);
        assertThatExceptionOfType(NoMatchingMachineFault.class).isThrownBy(() -> submit("j1", "alice", 2, 1, 0));
        assertRefusedWithoutChange(() -> service.jobComplete("j1", 10), "job.unknown");
    }

    @Test
    void duplicateSubmissionIsJobDuplicateAndChangesNothing() throws Exception {
        advertise("m1", 4000, 8192, 100);
        advertise("m2", 4000, 8192, 100);
        submit("j1", "alice", 1, 1, 0);

        assertRefusedWithoutChange(() -> submit("j1", "alice", 1, 1, 0), "job.duplicate");
        assertThat(machines.freeMachineCount()).isEqualTo(1);
        assertThat(service.getAccount("alice").getJobsSubmitted()).isEqualTo(1);
    }

    @Test
    void invalidAdvertisementsAreRefusedWithTheirCodeAndChangeNothing() throws Exception {
        advertise("m1", 4000, 8192, 100);
        Holder<Boolean> r = new Holder<>();
        Holder<Integer> c = new Holder<>();

        assertRefusedWithoutChange(() -> service.machineAdvertise("bad id", 1, 1, 0, "http://h/", List.of(), r, c),
                "request.invalid-id");
        assertRefusedWithoutChange(() -> service.machineAdvertise("m2", 0, 1, 0, "http://h/", List.of(), r, c),
                "request.out-of-range");
        assertRefusedWithoutChange(() -> service.machineAdvertise("m2", 1, 1, 0, "not a uri", List.of(), r, c),
                "request.invalid-address");
        assertRefusedWithoutChange(() -> service.machineAdvertise("m2", 1, 1, 0, "http://h/", List.of("a b"), r, c),
                "request.invalid-capability");
        // An invalid re-advertisement of a known machine leaves its old resources in place.
        assertRefusedWithoutChange(() -> service.machineAdvertise("m1", -5, 1, 0, "http://h/", List.of(), r, c),
                "request.out-of-range");
        assertThat(submit("j1", "alice", 4000, 8192, 100)[0]).isEqualTo("m1");
    }

    @Test
    void invalidSubmissionsAreRefusedWithTheirCodeAndChangeNothing() throws Exception {
        advertise("m1", 4000, 8192, 100);
        Holder<String> m = new Holder<>();
        Holder<String> a = new Holder<>();

        assertRefusedWithoutChange(() -> service.jobSubmit("j/1", "alice", 1, 1, 0, 0, m, a), "request.invalid-id");
        assertRefusedWithoutChange(() -> service.jobSubmit("j1", null, 1, 1, 0, 0, m, a), "request.invalid-id");
        assertRefusedWithoutChange(() -> service.jobSubmit("j1", "alice", -1, 1, 0, 0, m, a), "request.out-of-range");
        assertRefusedWithoutChange(() -> service.jobSubmit("j1", "alice", 1, 1, 0, 101, m, a),
                "request.out-of-range");
        assertThat(m.value).isNull();
        assertThat(machines.runningJob("j1")).isEmpty();
    }

    @Test
    void invalidCompletionsAreRefusedWithTheirCodeAndChangeNothing() throws Exception {
        advertise("m1", 4000, 8192, 100);
        submit("j1", "alice", 1, 1, 0);

        assertRefusedWithoutChange(() -> service.jobComplete("j1", -1), "request.out-of-range");
        assertRefusedWithoutChange(() -> service.jobComplete("", 1), "request.invalid-id");
        assertThat(machines.runningJob("j1")).isPresent();
    }

    @Test
    void accountOfAnInvalidClientIdIsRefused() throws Exception {
        assertRefusedWithoutChange(() -> service.getAccount("x".repeat(129)), "request.invalid-id");
    }

    @Test
    void accountOfAnUnknownClientIsAllZeros() throws Exception {
        AccountType account = service.getAccount("stranger");
        assertThat(account.getClientId()).isEqualTo("stranger");
        assertThat(List.of(account.getJobsSubmitted(), account.getJobsRefused(), account.getJobsCompleted(),
                account.getRunningJobs(), account.getCpuMhzSeconds(), account.getMemoryMbSeconds(),
                account.getDiskGbSeconds())).containsOnly(0L);
    }

    @Test
    void machineCountPropertiesFollowTheQueue() throws Exception {
        assertThat(intProperty(MatchmakerService.MACHINE_COUNT)).isZero();
        advertise("m1", 4000, 8192, 100);
        advertise("m2", 4000, 8192, 100);
        advertise("m3", 4000, 8192, 100);
        submit("j1", "alice", 1, 1, 0);

        assertThat(intProperty(MatchmakerService.MACHINE_COUNT)).isEqualTo(3);
        assertThat(intProperty(MatchmakerService.FREE_MACHINE_COUNT)).isEqualTo(2);
    }

    @Test
    void propertyElementsCarryTheirQName() throws Exception {
        JAXBElement<?> element = (JAXBElement<?>) service.getResourceProperty(MatchmakerService.MACHINE_COUNT)
                .getAny().get(0);
        assertThat(element.getName()).isEqualTo(new QName("http://gridha.dev/matchmaker", "MachineCount"));
    }

    @Test
    void unknownPropertyIsInvalidResourcePropertyQName() {
        QName unknown = new QName(MatchmakerService.NS, "JobCount");
        assertThatExceptionOfType(InvalidResourcePropertyQNameFault.class)
                .isThrownBy(() -> service.getResourceProperty(unknown))
                .satisfies(fault -> {
                    assertThat(fault.getFaultInfo().getErrorCode().getContent()).containsExactly("property.unknown");
                    assertThat(fault.getMessage()).contains("JobCount");
                });
    }

    private int intProperty(QName name) throws Exception {
        List<Object> any = service.getResourceProperty(name).getAny();
        assertThat(any).hasSize(1);
        return (Integer) ((JAXBElement<?>) any.get(0)).getValue();
    }
}
