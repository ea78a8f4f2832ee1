package dev.gridha.services.matchmaker;

import java.io.Serializable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Matchmaker's first state object (thesis ch. IV): the advertised machines in advertisement order,
 * which of them are busy, and the running job on each. Rebuildable from the machines' advertisements,
 * which is why the thesis maps it to replication with {@code repeat}: every update method is
 * deterministic given its arguments.
 *
 * <p>Not thread-safe; the service serializes access.
 */
public class MachineQueue implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, Machine> machines = new LinkedHashMap<>();
    private final Map<String, Job> jobsByMachine = new HashMap<>();
    private final Map<String, Job> jobsById = new HashMap<>();

    /**
     * Records an advertisement. A machine that advertises again has its resources updated; a job it is
     * running keeps running.
     *
     * @return true if the machine was new
     */
    public boolean advertise(Machine machine) {
        return machines.put(machine.id(), machine) == null;
    }

    /**
     * Assigns the job to the first free machine, in advertisement order, that covers its needs.
     *
     * @return the machine, or empty if none fits (the queue is unchanged)
     */
    public Optional<Machine> assign(String jobId, String clientId, Resources needs, int priority) {
        if (jobsById.containsKey(jobId)) {
            throw new IllegalArgumentException("job " + jobId + " is already running");
        }
        for (Machine machine : machines.values()) {
            if (!jobsByMachine.containsKey(machine.id()) && machine.resources().covers(needs)) {
                Job job = new Job(jobId, clientId, needs, priority, machine.id());
                jobsByMachine.put(machine.id(), job);
                jobsById.put(jobId, job);
                return Optional.of(machine);
            }
        }
        return Optional.empty();
    }

    /** Frees the machine a job ran on; empty if no such job is running. */
    public Optional<Job> release(String jobId) {
        Job job = jobsById.remove(jobId);
        if (job != null) {
            jobsByMachine.remove(job.machineId());
        }
        return Optional.ofNullable(job);
    }

    /**
     * Puts back one machine, and the job it was running if {@code jobId} is not null, as a database row held
     * them (the all-database mapping's recovery replays one row per machine, in advertisement order).
     */
    public void restoreMachine(String machineId, int cpuMhz, int memoryMb, int diskGb, String address,
                               String capabilities, String jobId, String clientId, int neededCpuMhz,
                               int neededMemoryMb, int neededDiskGb, int priority) {
        Machine machine = new Machine(machineId, new Resources(cpuMhz, memoryMb, diskGb), address,
                Machine.capabilitiesOf(capabilities));
        machines.put(machineId, machine);
        if (jobId != null) {
            Job job = new Job(jobId, clientId, new Resources(neededCpuMhz, neededMemoryMb, neededDiskGb), priority,
                    machineId);
            jobsByMachine.put(machineId, job);
            jobsById.put(jobId, job);
        }
    }

    public Optional<Job> runningJob(String jobId) {
        return Optional.ofNullable(jobsById.get(jobId));
    }

    public int machineCount() {
        return machines.size();
    }

    public int freeMachineCount() {
        return machines.size() - jobsByMachine.size();
    }
}
