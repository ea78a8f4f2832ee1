package dev.gridha.services.matchmaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MachineQueueTest {

    private static final Resources SMALL = new Resources(1000, 1024, 10);
    private static final Resources LARGE = new Resources(4000, 16384, 500);

    private MachineQueue queue;

    @BeforeEach
    void setUp() {
        queue = new MachineQueue();
    }

    private static Machine machine(String id, Resources resources) {
        return new Machine(id, resources, "http://" + id + ".example:8080/run", List.of());
    }

    @Test
    void firstFitTakesTheFirstAdvertisedMachineThatCovers() {
        queue.advertise(machine("small", SMALL));
        queue.advertise(machine("large-1", LARGE));
        queue.advertise(machine("large-2", LARGE));

        assertThat(queue.assign("j1", "c", new Resources(2000, 2048, 20), 0)).map(Machine::id).contains("large-1");
    }

    @Test
    void firstFitPrefersAdvertisementOrderOverBestFit() {
        queue.advertise(machine("large", LARGE));
        queue.advertise(machine("small", SMALL));

        // small would fit exactly, but large was advertised first.
        assertThat(queue.assign("j1", "c", SMALL, 0)).map(Machine::id).contains("large");
    }

    @Test
    void busyMachinesAreSkipped() {
        queue.advertise(machine("m1", LARGE));
        queue.advertise(machine("m2", LARGE));

        assertThat(queue.assign("j1", "c", SMALL, 0)).map(Machine::id).contains("m1");
        assertThat(queue.assign("j2", "c", SMALL, 0)).map(Machine::id).contains("m2");
        assertThat(queue.runningJob("j2")).get().extracting(Job::machineId).isEqualTo("m2");
    }

    @Test
    void noFitReturnsEmptyAndChangesNothing() {
        queue.advertise(machine("m1", SMALL));
        queue.advertise(machine("m2", SMALL));

        assertThat(queue.assign("big", "c", LARGE, 0)).isEmpty();

        assertThat(queue.freeMachineCount()).isEqualTo(2);
        assertThat(queue.machineCount()).isEqualTo(2);
        assertThat(queue.runningJob("big")).isEmpty();
        // The refused id was not remembered: it can be submitted again.
        assertThat(queue.assign("big", "c", SMALL, 0)).map(Machine::id).contains("m1");
    }

    @Test
    void noFitWhenEveryCoveringMachineIsBusy() {
        queue.advertise(machine("m1", LARGE));
        queue.assign("j1", "c", SMALL, 0);

        assertThat(queue.assign("j2", "c", SMALL, 0)).isEmpty();
        assertThat(queue.freeMachineCount()).isZero();
    }

    @Test
    void releaseFreesTheMachineForTheNextJob() {
        queue.advertise(machine("m1", LARGE));
        queue.assign("j1", "client-a", SMALL, 3);

        assertThat(queue.release("j1")).get()
                .isEqualTo(new Job("j1", "client-a", SMALL, 3, "m1"));
        assertThat(queue.runningJob("j1")).isEmpty();
        assertThat(queue.freeMachineCount()).isEqualTo(1);
        assertThat(queue.assign("j2", "c", SMALL, 0)).map(Machine::id).contains("m1");
    }

    @Test
    void releaseOfUnknownJobIsEmptyAndFreesNothing() {
        queue.advertise(machine("m1", LARGE));
        queue.assign("j1", "c", SMALL, 0);

        assertThat(queue.release("nope")).isEmpty();
        assertThat(queue.freeMachineCount()).isZero();
        assertThat(queue.release("j1")).isPresent();
        assertThat(queue.release("j1")).isEmpty();
    }

    @Test
    void duplicateRunningJobIdThrows() {
        queue.advertise(machine("m1", LARGE));
        queue.advertise(machine("m2", LARGE));
        queue.assign("j1", "c", SMALL, 0);

        assertThatIllegalArgumentException().isThrownBy(() -> queue.assign("j1", "c", SMALL, 0))
                .withMessageContaining("j1");
        assertThat(queue.freeMachineCount()).isEqualTo(1);
    }

    @Test
    void reAdvertisingUpdatesResourcesAndKeepsTheRunningJob() {
        assertThat(queue.advertise(machine("m1", SMALL))).isTrue();
        queue.assign("j1", "c", SMALL, 0);

        Machine upgraded = new Machine("m1", LARGE, "http://elsewhere:9090/", List.of("gpu"));
        assertThat(queue.advertise(upgraded)).isFalse();

        assertThat(queue.machineCount()).isEqualTo(1);
        assertThat(queue.freeMachineCount()).isZero();
        assertThat(queue.runningJob("j1")).get().extracting(Job::machineId).isEqualTo("m1");

        queue.release("j1");
        // The new resources are the ones matched against.
        assertThat(queue.assign("j2", "c", LARGE, 0)).contains(upgraded);
    }

    @Test
    void reAdvertisingKeepsTheMachinesPlaceInTheOrder() {
        queue.advertise(machine("m1", LARGE));
        queue.advertise(machine("m2", LARGE));
        queue.advertise(machine("m1", LARGE));

        assertThat(queue.assign("j1", "c", SMALL, 0)).map(Machine::id).contains("m1");
    }

    @Test
    void countsFollowAdvertiseAssignAndRelease() {
        assertThat(queue.machineCount()).isZero();
        assertThat(queue.freeMachineCount()).isZero();

        queue.advertise(machine("m1", LARGE));
        queue.advertise(machine("m2", LARGE));
        queue.advertise(machine("m3", SMALL));
        assertThat(queue.machineCount()).isEqualTo(3);
        assertThat(queue.freeMachineCount()).isEqualTo(3);

        queue.assign("j1", "c", SMALL, 0);
        queue.assign("j2", "c", SMALL, 0);
        assertThat(queue.machineCount()).isEqualTo(3);
        assertThat(queue.freeMachineCount()).isEqualTo(1);

        queue.release("j1");
        assertThat(queue.freeMachineCount()).isEqualTo(2);
    }

    @Test
    void restoredMachinesKeepTheirOrderJobsAndCapabilities() {
        queue.restoreMachine("a", 1000, 1024, 10, "http://a", "gpu\nssd", "j1", "alice", 500, 512, 5, 3);
        queue.restoreMachine("b", 4000, 16384, 500, "http://b", "", null, null, 0, 0, 0, 0);

        assertThat(queue.runningJob("j1")).contains(new Job("j1", "alice", new Resources(500, 512, 5), 3, "a"));
        assertThat(queue.freeMachineCount()).isEqualTo(1);
        assertThat(queue.assign("j2", "bob", SMALL, 0)).map(Machine::id).contains("b");
        Machine restored = new Machine("a", SMALL, "http://a", List.of("gpu", "ssd"));
        assertThat(Machine.capabilitiesOf(restored.capabilityList())).containsExactly("gpu", "ssd");
        assertThat(Machine.capabilitiesOf("")).isEmpty();
    }
}
