package dev.gridha.client;

import dev.gridha.contracts.matchmaker.NoMatchingMachineFault;

/** The matchmaker found no free machine with the resources a job asked for. */
public final class NoMatchingMachineException extends GridServiceFault {

    private static final long serialVersionUID = 1L;

    private final int freeMachines;
    private final int advertisedMachines;

    NoMatchingMachineException(NoMatchingMachineFault fault) {
        super("NoMatchingMachineFault", "match.none", fault.getMessage(), fault);
        this.freeMachines = fault.getFaultInfo() == null ? -1 : fault.getFaultInfo().getFreeMachines();
        this.advertisedMachines = fault.getFaultInfo() == null ? -1 : fault.getFaultInfo().getAdvertisedMachines();
    }

    public int freeMachines() {
        return freeMachines;
    }

    public int advertisedMachines() {
        return advertisedMachines;
    }
}
