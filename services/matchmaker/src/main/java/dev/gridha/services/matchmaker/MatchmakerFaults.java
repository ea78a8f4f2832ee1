package dev.gridha.services.matchmaker;

import java.time.Clock;

import dev.gridha.container.wsrf.BaseFaults;
import dev.gridha.container.wsrf.InvalidResourcePropertyException;
import dev.gridha.contracts.faults.InvalidRequestFaultType;
import dev.gridha.contracts.matchmaker.InvalidRequestFault;
import dev.gridha.contracts.matchmaker.InvalidResourcePropertyQNameFault;
import dev.gridha.contracts.matchmaker.NoMatchingMachineFault;
import dev.gridha.contracts.matchmaker.NoMatchingMachineFaultType;
import dev.gridha.contracts.wsrf.properties.InvalidResourcePropertyQNameFaultType;

/** Builds the Matchmaker's declared faults, each with an error code and a description. */
final class MatchmakerFaults {

    private final Clock clock;

    MatchmakerFaults(Clock clock) {
        this.clock = clock;
    }

    InvalidRequestFault invalidRequest(String code, String message) {
        return new InvalidRequestFault(message, BaseFaults.fill(new InvalidRequestFaultType(), clock, code, message));
    }

    NoMatchingMachineFault noMatchingMachine(Resources needs, int free, int advertised) {
        String message = "no free machine has " + needs.cpuMhz() + " MHz, " + needs.memoryMb() + " MB memory and "
                + needs.diskGb() + " GB disk (" + free + " of " + advertised + " machines free)";
        NoMatchingMachineFaultType detail = BaseFaults.fill(new NoMatchingMachineFaultType(), clock,
                "match.none", message);
        detail.setFreeMachines(free);
        detail.setAdvertisedMachines(advertised);
        return new NoMatchingMachineFault(message, detail);
    }

    InvalidResourcePropertyQNameFault invalidProperty(InvalidResourcePropertyException e) {
        return new InvalidResourcePropertyQNameFault(e.getMessage(), BaseFaults.fill(
                new InvalidResourcePropertyQNameFaultType(), clock, "property.unknown", e.getMessage()));
    }
}
