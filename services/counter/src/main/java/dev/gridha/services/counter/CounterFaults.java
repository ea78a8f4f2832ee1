package dev.gridha.services.counter;

import java.time.Clock;

import dev.gridha.container.wsrf.BaseFaults;
import dev.gridha.container.wsrf.InvalidResourcePropertyException;
import dev.gridha.container.wsrf.ResourceUnknownException;
import dev.gridha.contracts.counter.InvalidRequestFault;
import dev.gridha.contracts.counter.InvalidResourcePropertyQNameFault;
import dev.gridha.contracts.counter.ResourceUnknownFault;
import dev.gridha.contracts.counter.TerminationTimeChangeRejectedFault;
import dev.gridha.contracts.counter.UnableToSetTerminationTimeFault;
import dev.gridha.contracts.faults.InvalidRequestFaultType;
import dev.gridha.contracts.wsrf.lifetime.TerminationTimeChangeRejectedFaultType;
import dev.gridha.contracts.wsrf.lifetime.UnableToSetTerminationTimeFaultType;
import dev.gridha.contracts.wsrf.properties.InvalidResourcePropertyQNameFaultType;
import dev.gridha.contracts.wsrf.resource.ResourceUnknownFaultType;

/** Builds the Counter's declared faults, each with an error code and a description. */
final class CounterFaults {

    private final Clock clock;

    CounterFaults(Clock clock) {
        this.clock = clock;
    }

    ResourceUnknownFault unknown(ResourceUnknownException e) {
        return new ResourceUnknownFault(e.getMessage(),
                BaseFaults.fill(new ResourceUnknownFaultType(), clock, "resource.unknown", e.getMessage()));
    }

    InvalidRequestFault invalidRequest(String code, String message) {
        return new InvalidRequestFault(message,
                BaseFaults.fill(new InvalidRequestFaultType(), clock, code, message));
    }

    InvalidResourcePropertyQNameFault invalidProperty(InvalidResourcePropertyException e) {
        return new InvalidResourcePropertyQNameFault(e.getMessage(), BaseFaults.fill(
                new InvalidResourcePropertyQNameFaultType(), clock, "property.unknown", e.getMessage()));
    }

    UnableToSetTerminationTimeFault unableToSetTermination(String message) {
        return new UnableToSetTerminationTimeFault(message, BaseFaults.fill(
                new UnableToSetTerminationTimeFaultType(), clock, "lifetime.invalid", message));
    }

    TerminationTimeChangeRejectedFault terminationRejected(String message) {
        return new TerminationTimeChangeRejectedFault(message, BaseFaults.fill(
                new TerminationTimeChangeRejectedFaultType(), clock, "lifetime.rejected", message));
    }
}
