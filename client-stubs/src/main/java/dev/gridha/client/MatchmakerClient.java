package dev.gridha.client;

import java.net.URI;
import java.util.List;
import java.util.Objects;

import javax.xml.namespace.QName;

import jakarta.xml.ws.Holder;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.soap.AddressingFeature;

import dev.gridha.contracts.matchmaker.AccountType;
import dev.gridha.contracts.matchmaker.InvalidRequestFault;
import dev.gridha.contracts.matchmaker.InvalidResourcePropertyQNameFault;
import dev.gridha.contracts.matchmaker.MatchmakerPortType;
import dev.gridha.contracts.matchmaker.MatchmakerService;
import dev.gridha.contracts.matchmaker.NoMatchingMachineFault;
import dev.gridha.contracts.matchmaker.ResourceUnavailableFault;
import dev.gridha.contracts.matchmaker.ResourceUnknownFault;

/**
 * A grid application's handle on a Matchmaker service. Thread-safe; create one per service and share it.
 * A job that no free machine fits ends in {@link NoMatchingMachineException}; other refusals in
 * {@link GridServiceFault}.
 */
public final class MatchmakerClient {

    static final String NS = "http://gridha.dev/matchmaker";

    private final MatchmakerPortType port;

    public MatchmakerClient(URI endpoint) {
        this(endpoint, ClientOptions.defaults());
    }

    public MatchmakerClient(URI endpoint, ClientOptions options) {
        Objects.requireNonNull(endpoint, "endpoint");
        Ports.prepareBus();
        port = Ports.configure(new MatchmakerService().getMatchmakerPort(new AddressingFeature(true, true)), options,
                endpoint.toString());
    }

    /** The machine a job was given. */
    public record Assignment(String machineId, String address) {
    }

    /** Advertises a machine; returns true if it was new, false if an earlier advertisement was updated. */
    public boolean advertise(String machineId, int cpuMhz, int memoryMb, int diskGb, URI address,
                             List<String> capabilities) {
        Holder<Boolean> registered = new Holder<>();
        Holder<Integer> count = new Holder<>();
        try {
            port.machineAdvertise(machineId, cpuMhz, memoryMb, diskGb, address.toString(), capabilities,
                    registered, count);
            return registered.value;
        } catch (InvalidRequestFault fault) {
            throw GridServiceFault.of(fault, fault.getFaultInfo());
        } catch (WebServiceException fault) {
            throw GridServiceFault.of(fault);
        }
    }

    /** Submits a job; the matchmaker picks the first free machine that fits. */
    public Assignment submit(String jobId, String clientId, int cpuMhz, int memoryMb, int diskGb, int priority) {
        Holder<String> machineId = new Holder<>();
        Holder<String> address = new Holder<>();
        try {
            port.jobSubmit(jobId, clientId, cpuMhz, memoryMb, diskGb, priority, machineId, address);
            return new Assignment(machineId.value, address.value);
        } catch (NoMatchingMachineFault fault) {
            throw new NoMatchingMachineException(fault);
        } catch (InvalidRequestFault fault) {
            throw GridServiceFault.of(fault, fault.getFaultInfo());
        } catch (WebServiceException fault) {
            throw GridServiceFault.of(fault);
        }
    }

    /** Reports a job done after {@code runtimeSeconds}; returns the machine it released. */
    public String complete(String jobId, long runtimeSeconds) {
        try {
            return port.jobComplete(jobId, runtimeSeconds);
        } catch (InvalidRequestFault fault) {
            throw GridServiceFault.of(fault, fault.getFaultInfo());
        } catch (WebServiceException fault) {
            throw GridServiceFault.of(fault);
        }
    }

    /** One client's usage. */
    public AccountType account(String clientId) {
        try {
            return port.getAccount(clientId);
        } catch (InvalidRequestFault fault) {
            throw GridServiceFault.of(fault, fault.getFaultInfo());
        } catch (WebServiceException fault) {
            throw GridServiceFault.of(fault);
        }
    }

    /** How many machines are advertised, read as the resource property MachineCount. */
    public int machineCount() {
        return intProperty(new QName(NS, "MachineCount"));
    }

    /** How many advertised machines run no job, read as the resource property FreeMachineCount. */
    public int freeMachineCount() {
        return intProperty(new QName(NS, "FreeMachineCount"));
    }

    private int intProperty(QName name) {
        try {
            List<Object> values = port.getResourceProperty(name).getAny();
            return Integer.parseInt(RemoteCounter.text(values.get(0)));
        } catch (InvalidResourcePropertyQNameFault | ResourceUnknownFault | ResourceUnavailableFault fault) {
            throw GridServiceFault.of(fault);
        }
    }
}
