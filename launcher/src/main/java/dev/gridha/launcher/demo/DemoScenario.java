package dev.gridha.launcher.demo;

import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.gridha.client.CounterClient;
import dev.gridha.client.GridServiceFault;
import dev.gridha.client.MatchmakerClient;
import dev.gridha.client.NoMatchingMachineException;
import dev.gridha.client.RemoteCounter;
import dev.gridha.contracts.matchmaker.AccountType;
import dev.gridha.launcher.TextTable;
import dev.gridha.launcher.embedded.EmbeddedGrid;
import dev.gridha.launcher.embedded.GridWars;

/**
 * The demo's story, told through the same client API a grid application uses: counters are created and
 * added to, a bad request is refused without harm, machines advertise, jobs are matched until one is
 * refused, jobs complete, and the accounts show what each client used. Then the durability acts: the
 * Counter webapp restarts and its counters come back, a transfer between two counters runs in a service
 * transaction (committed, then one rolled back), a replicated Matchmaker pair shows its backup, and a
 * replicated Counter's primary process is killed while fault-tolerant clients add.
 */
public final class DemoScenario {

    private final EmbeddedGrid grid;
    private final PrintStream out;
    private final int adds;

    public DemoScenario(EmbeddedGrid grid, PrintStream out, int adds) {
        this.grid = grid;
        this.out = out;
        this.adds = adds;
    }

    public void run() {
        URI counterUrl = grid.endpoint(GridWars.COUNTER, "/services/counter");
        URI matchmakerUrl = grid.endpoint(GridWars.MATCHMAKER, "/services/matchmaker");
        out.println();
        new TextTable("service", "endpoint")
                .row("Counter", counterUrl)
                .row("Matchmaker", matchmakerUrl)
                .print(out);
        CounterClient counters = new CounterClient(counterUrl);
        List<RemoteCounter> counted = counterAct(counters);
        matchmakerAct(new MatchmakerClient(matchmakerUrl));
        DurabilityAct durability = new DurabilityAct(grid, out);
        section("Durability: the Counter webapp restarts");
        durability.counterRestart(counters, counted);
        section("Service transactions: two adds durable together or not at all");
        durability.counterTransactions(counters);
        section("Replication: a Matchmaker primary and its backup in two webapps");
        durability.replicatedMatchmaker(Math.max(10, adds / 5));
        section("Failover: the primary's process is killed under load");
        new FailoverAct(out).run();
        section("Aging: a leaking container is rejuvenated under load");
        new AgingAct(out).run();
        out.println();
        out.println("demo finished: every reply above came over SOAP/HTTP from the WARs in Tomcat.");
    }

    /** @return the counters still alive at the end of the act */
    private List<RemoteCounter> counterAct(CounterClient counters) {
        section("Counter: three resources, " + adds + " adds each");
        TextTable table = new TextTable("counter key", "start", "adds", "value", "mean add (us)");
        List<RemoteCounter> created = new ArrayList<>();
        for (int start : new int[] {0, 100, -50}) {
            RemoteCounter counter = counters.create(start);
            created.add(counter);
            long began = System.nanoTime();
            for (int i = 0; i < adds; i++) {
                counter.add(1);
            }
            long micros = (System.nanoTime() - began) / 1000 / Math.max(1, adds);
            table.row(shortKey(counter), start, adds, counter.value(), micros);
        }
        table.print(out);

        RemoteCounter first = created.get(0);
        int before = first.value();
        try {
            first.add(Integer.MAX_VALUE);
            out.println("  unexpected: an overflowing add was accepted");
        } catch (GridServiceFault fault) {
            out.printf("  add(%d) refused: %s [%s]; value still %d%n", Integer.MAX_VALUE, fault.faultName(),
                    fault.errorCode(), first.value());
        }
        if (first.value() != before) {
            throw new IllegalStateException("a refused add changed the counter");
        }
        RemoteCounter last = created.get(2);
        last.destroy();
        try {
            last.add(1);
        } catch (GridServiceFault fault) {
            out.println("  destroyed counter " + shortKey(last) + ": " + fault.faultName());
        }
        return created.subList(0, 2);
    }

    private void matchmakerAct(MatchmakerClient matchmaker) {
        section("Matchmaker: machines advertise");
        Object[][] machines = {
            {"node-a", 3000, 8192, 100}, {"node-b", 2400, 4096, 50},
            {"node-c", 3600, 16384, 500}, {"node-d", 2000, 2048, 20},
        };
        TextTable advertised = new TextTable("machine", "CPU MHz", "memory MB", "disk GB", "address");
        for (Object[] m : machines) {
            URI address = URI.create("https://" + m[0] + ".grid.example:8443/jobs");
            matchmaker.advertise((String) m[0], (int) m[1], (int) m[2], (int) m[3], address, List.of("linux"));
            advertised.row(m[0], m[1], m[2], m[3], address);
        }
        advertised.print(out);

        section("Matchmaker: jobs submitted first-fit until one is refused");
        TextTable jobs = new TextTable("job", "client", "needs (MHz/MB/GB)", "assigned to");
        String[] clients = {"alice", "bob", "carol"};
        List<String> running = new ArrayList<>();
        String refusal = null;
        for (int i = 1; refusal == null && i <= 10; i++) {
            String job = "job-" + i;
            String client = clients[i % clients.length];
            int cpu = 1800 + 200 * (i % 3);
            int memory = 2048 * (1 + i % 2);
            try {
                MatchmakerClient.Assignment assignment = matchmaker.submit(job, client, cpu, memory, 10, 5);
                running.add(job);
                jobs.row(job, client, cpu + "/" + memory + "/10", assignment.machineId());
            } catch (NoMatchingMachineException refused) {
                jobs.row(job, client, cpu + "/" + memory + "/10", "REFUSED");
                refusal = refused.getMessage();
            }
        }
        jobs.print(out);
        out.println("  refusal: " + refusal);

        section("Matchmaker: jobs complete and are charged");
        TextTable completed = new TextTable("job", "runtime s", "released");
        long runtime = 60;
        for (String job : running) {
            completed.row(job, runtime, matchmaker.complete(job, runtime));
            runtime += 30;
        }
        completed.print(out);
        out.printf("  free machines now %d of %d%n", matchmaker.freeMachineCount(), matchmaker.machineCount());

        section("Matchmaker: accounts (the thesis's AccountSet)");
        TextTable accounts = new TextTable("client", "submitted", "refused", "completed", "running",
                "CPU MHz*s", "memory MB*s", "disk GB*s");
        for (String client : clients) {
            AccountType a = matchmaker.account(client);
            accounts.row(a.getClientId(), a.getJobsSubmitted(), a.getJobsRefused(), a.getJobsCompleted(),
                    a.getRunningJobs(), number(a.getCpuMhzSeconds()), number(a.getMemoryMbSeconds()),
                    number(a.getDiskGbSeconds()));
        }
        accounts.print(out);
    }

    private void section(String title) {
        out.println();
        out.println("== " + title);
    }

    static String shortKey(RemoteCounter counter) {
        String text = counter.endpointReference().toString();
        int start = text.indexOf("CounterKey");
        if (start < 0) {
            return "?";
        }
        int open = text.indexOf('>', start) + 1;
        int close = text.indexOf('<', open);
        String key = text.substring(open, close);
        return key.length() > 13 ? key.substring(0, 13) + "..." : key;
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
