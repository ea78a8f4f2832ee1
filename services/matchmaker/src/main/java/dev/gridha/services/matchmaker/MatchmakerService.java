package dev.gridha.services.matchmaker;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import javax.xml.namespace.QName;

import jakarta.jws.WebService;
import jakarta.xml.ws.Holder;

import dev.gridha.container.wsrf.InvalidResourcePropertyException;
import dev.gridha.container.wsrf.ResourcePropertySet;
import dev.gridha.container.wsrf.WsResource;
import dev.gridha.contracts.matchmaker.AccountType;
import dev.gridha.contracts.matchmaker.InvalidRequestFault;
import dev.gridha.contracts.matchmaker.InvalidResourcePropertyQNameFault;
import dev.gridha.contracts.matchmaker.MatchmakerPortType;
import dev.gridha.contracts.matchmaker.NoMatchingMachineFault;
import dev.gridha.contracts.wsrf.properties.GetResourcePropertyResponse;
import dev.gridha.durability.DurableService;
import dev.gridha.durability.StateFactory;

/**
 * The Matchmaker WSRF service (thesis ch. III/IV). Its state is two state objects, the
 * {@link MachineQueue} and the {@link AccountSet}, reached only through their methods. Every operation
 * validates its whole request first and then updates both objects under one lock, so a refused request
 * changes nothing and the two objects never disagree.
 */
@DurableService(mapping = "matchmaker.xml",
        alternatives = {"matchmaker-replicated.xml", "matchmaker-reconstructed.xml", "matchmaker-database.xml"})
@WebService(endpointInterface = "dev.gridha.contracts.matchmaker.MatchmakerPortType",
        targetNamespace = MatchmakerService.NS, serviceName = "MatchmakerService", portName = "MatchmakerPort",
        wsdlLocation = "classpath:wsdl/matchmaker.wsdl")
public class MatchmakerService implements MatchmakerPortType {

    public static final String NS = "http://gridha.dev/matchmaker";
    public static final QName MACHINE_COUNT = new QName(NS, "MachineCount");
    public static final QName FREE_MACHINE_COUNT = new QName(NS, "FreeMachineCount");

    private final Clock clock;
    private final ResourcePropertySet<MachineQueue> properties;
    private final MatchmakerFaults faults;
    private final Object lock = new Object();
    // Made on first use, through the state factories, never in the constructor: a durable subclass's
    // factories need its runtime, which is set only after this constructor returns. Guarded by lock.
    private MachineQueue machines;
    private AccountSet accounts;
    private WsResource<MachineQueue> resource;

    public MatchmakerService(Clock clock) {
        this.clock = clock;
        this.properties = ResourcePropertySet.<MachineQueue>builder("matchmaker")
                .property(MACHINE_COUNT, Integer.class, MachineQueue::machineCount)
                .property(FREE_MACHINE_COUNT, Integer.class, MachineQueue::freeMachineCount)
                .build();
        this.faults = new MatchmakerFaults(clock);
    }

    /** How the machine queue is made; the durable service returns its proxy instead. */
    @StateFactory("machines")
    protected MachineQueue newMachineQueue() {
        return new MachineQueue();
    }

    /** How the account set is made; the durable service returns its proxy instead. */
    @StateFactory("accounts")
    protected AccountSet newAccountSet() {
        return new AccountSet();
    }

    /** The machine queue; call with {@code lock} held. */
    private MachineQueue machines() {
        if (machines == null) {
            machines = newMachineQueue();
            resource = WsResource.singleton("matchmaker", machines, clock.instant());
        }
        return machines;
    }

    /** The account set; call with {@code lock} held. */
    private AccountSet accounts() {
        if (accounts == null) {
            accounts = newAccountSet();
        }
        return accounts;
    }

    @Override
    public void machineAdvertise(String machineId, int cpuMhz, int memoryMb, int diskGb, String address,
                                 List<String> capability, Holder<Boolean> registered, Holder<Integer> machineCount)
            throws InvalidRequestFault {
        Machine machine;
        try {
            machine = new Machine(RequestLimits.id("MachineId", machineId),
                    RequestLimits.machineResources(cpuMhz, memoryMb, diskGb),
                    RequestLimits.address(address),
                    RequestLimits.capabilities(capability == null ? List.of() : capability));
        } catch (RequestLimits.Violation v) {
            throw faults.invalidRequest(v.code(), v.getMessage());
        }
        synchronized (lock) {
            registered.value = machines().advertise(machine);
            machineCount.value = machines().machineCount();
        }
    }

    @Override
    public void jobSubmit(String jobId, String clientId, int cpuMhz, int memoryMb, int diskGb, int priority,
                          Holder<String> machineId, Holder<String> address)
            throws InvalidRequestFault, NoMatchingMachineFault {
        Resources needs;
        try {
            RequestLimits.id("JobId", jobId);
            RequestLimits.id("ClientId", clientId);
            needs = RequestLimits.jobNeeds(cpuMhz, memoryMb, diskGb);
            RequestLimits.priority(priority);
        } catch (RequestLimits.Violation v) {
            throw faults.invalidRequest(v.code(), v.getMessage());
        }
        synchronized (lock) {
            if (machines().runningJob(jobId).isPresent()) {
                throw faults.invalidRequest("job.duplicate", "job " + jobId + " is already running");
            }
            Optional<Machine> match = machines().assign(jobId, clientId, needs, priority);
            if (match.isEmpty()) {
                accounts().jobRefused(clientId);
                throw faults.noMatchingMachine(needs, machines().freeMachineCount(), machines().machineCount());
            }
            accounts().jobStarted(clientId);
            machineId.value = match.get().id();
            address.value = match.get().address();
        }
    }

    @Override
    public String jobComplete(String jobId, long runtimeSeconds) throws InvalidRequestFault {
        try {
            RequestLimits.id("JobId", jobId);
            RequestLimits.runtime(runtimeSeconds);
        } catch (RequestLimits.Violation v) {
            throw faults.invalidRequest(v.code(), v.getMessage());
        }
        synchronized (lock) {
            Job job = machines().runningJob(jobId).orElseThrow(() -> faults.invalidRequest("job.unknown",
                    "no running job " + jobId + " (never submitted, refused, or already completed)"));
            accounts().jobCompleted(job.clientId(), job.needs(), runtimeSeconds);
            machines().release(jobId);
            return job.machineId();
        }
    }

    @Override
    public AccountType getAccount(String clientId) throws InvalidRequestFault {
        try {
            RequestLimits.id("ClientId", clientId);
        } catch (RequestLimits.Violation v) {
            throw faults.invalidRequest(v.code(), v.getMessage());
        }
        Account account;
        synchronized (lock) {
            account = accounts().get(clientId);
        }
        AccountType wire = new AccountType();
        wire.setClientId(account.clientId());
        wire.setJobsSubmitted(account.jobsSubmitted());
        wire.setJobsRefused(account.jobsRefused());
        wire.setJobsCompleted(account.jobsCompleted());
        wire.setRunningJobs(account.runningJobs());
        wire.setCpuMhzSeconds(account.cpuMhzSeconds());
        wire.setMemoryMbSeconds(account.memoryMbSeconds());
        wire.setDiskGbSeconds(account.diskGbSeconds());
        return wire;
    }

    @Override
    public GetResourcePropertyResponse getResourceProperty(QName name) throws InvalidResourcePropertyQNameFault {
        GetResourcePropertyResponse response = new GetResourcePropertyResponse();
        try {
            synchronized (lock) {
                machines();
                response.getAny().add(properties.get(resource, name));
            }
        } catch (InvalidResourcePropertyException e) {
            throw faults.invalidProperty(e);
        }
        return response;
    }
}
