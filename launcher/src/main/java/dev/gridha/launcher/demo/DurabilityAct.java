package dev.gridha.launcher.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.management.JMException;
import javax.management.ObjectName;

import dev.gridha.client.CounterClient;
import dev.gridha.client.GridServiceFault;
import dev.gridha.client.MatchmakerClient;
import dev.gridha.client.RemoteCounter;
import dev.gridha.client.ServiceTransaction;
import dev.gridha.client.TransactionClient;
import dev.gridha.container.replication.socket.SharedSecret;
import dev.gridha.launcher.TextTable;
import dev.gridha.launcher.embedded.EmbeddedGrid;
import dev.gridha.launcher.embedded.GridWars;
import dev.gridha.launcher.embedded.Webapp;

/**
 * The demo's durability acts: the Counter webapp restarted (its counters come back from the database under
 * the same endpoint references), and a Matchmaker primary that replies only once its backup in another
 * webapp holds each update, and fails rather than reply when the backup is gone.
 */
final class DurabilityAct {

    private static final String PRIMARY = "/matchmaker-primary";
    private static final String BACKUP = "/matchmaker-backup";

    private final EmbeddedGrid grid;
    private final PrintStream out;

    DurabilityAct(EmbeddedGrid grid, PrintStream out) {
        this.grid = grid;
        this.out = out;
    }

    /** Restarts the Counter webapp and reads the counters back through their old endpoint references. */
    void counterRestart(CounterClient counters, List<RemoteCounter> created) {
        TextTable table = new TextTable("counter key", "before restart", "after restart");
        int[] before = created.stream().mapToInt(RemoteCounter::value).toArray();
        long began = System.nanoTime();
        grid.restart(GridWars.COUNTER);
        long restartMillis = (System.nanoTime() - began) / 1_000_000;
        for (int i = 0; i < created.size(); i++) {
            RemoteCounter again = counters.bind(created.get(i).endpointReference());
            table.row(DemoScenario.shortKey(created.get(i)), before[i], again.value());
            if (again.value() != before[i]) {
                throw new IllegalStateException("counter " + i + " came back as " + again.value() + ", not "
                        + before[i]);
            }
        }
        table.print(out);
        out.printf("  the webapp restarted in %d ms; its memory was gone, the counters came back from the"
                + " database (H2 here; MariaDB with up --database-url)%n", restartMillis);
    }

    /**
     * Moves an amount between two counters in a service transaction: committed, then abandoned; an outside
     * reader is kept away from the open transaction's counter.
     */
    void counterTransactions(CounterClient counters) {
        RemoteCounter from = counters.create(100);
        RemoteCounter to = counters.create(0);
        TransactionClient transactions = new TransactionClient(grid.endpoint(GridWars.COUNTER,
                "/services/transactions"));
        TextTable table = new TextTable("step", "from", "to");
        table.row("before", from.value(), to.value());
        String outsider;
        try (ServiceTransaction transfer = transactions.begin(Duration.ofSeconds(30))) {
            transfer.run(() -> {
                from.add(-30);
                to.add(30);
            });
            table.row("inside the open transaction", transfer.call(from::value), transfer.call(to::value));
            long began = System.nanoTime();
            try {
                outsider = "read " + from.value() + " (unexpected)";
            } catch (GridServiceFault refused) {
                outsider = "refused after " + (System.nanoTime() - began) / 1_000_000 + " ms with "
                        + refused.errorCode();
            }
            transfer.commit();
        }
        table.row("after commit", from.value(), to.value());
        try (ServiceTransaction abandoned = transactions.begin(Duration.ofSeconds(30))) {
            abandoned.run(() -> {
                from.add(-50);
                to.add(50);
            });
            abandoned.rollback();
        }
        table.row("after a second transfer rolled back", from.value(), to.value());
        if (from.value() != 70 || to.value() != 30) {
            throw new IllegalStateException("the transfers left " + from.value() + " / " + to.value()
                    + ", not 70 / 30");
        }
        table.print(out);
        out.println("  an outside reader of 'from' while the transfer was open: " + outsider);
        out.println("  both adds became durable in one database commit; the rolled-back transfer left nothing");
    }

    /** A primary and a backup Matchmaker in two webapps, replicating over the authenticated socket. */
    void replicatedMatchmaker(int submits) {
        String secret = SharedSecret.generate().toBase64();
        int port = freePort();
        Path war = GridWars.all().get(GridWars.MATCHMAKER);
        grid.deploy(new Webapp(BACKUP, war, Map.of("gridha.role", "backup",
                "gridha.group", "demo-matchmaker", "gridha.replication.port", String.valueOf(port),
                "gridha.replication.secret", secret)));
        boolean backupUp = true;
        try {
            grid.deploy(new Webapp(PRIMARY, war, Map.of("gridha.role", "primary",
                    "gridha.group", "demo-matchmaker", "gridha.backups", "127.0.0.1:" + port,
                    "gridha.replication.secret", secret, "gridha.replication.timeout-ms", "1000")));
            try {
                MatchmakerClient primary = new MatchmakerClient(grid.endpoint(PRIMARY, "/services/matchmaker"));
                MatchmakerClient backup = new MatchmakerClient(grid.endpoint(BACKUP, "/services/matchmaker"));
                for (int m = 0; m < 4; m++) {
                    primary.advertise("replicated-" + m, 2000, 4096, 100, URI.create("http://replicated-" + m),
                            List.of());
                }
                long began = System.nanoTime();
                for (int j = 0; j < submits; j++) {
                    primary.submit("rjob-" + j, "carol", 1000, 1024, 10, 0);
                    primary.complete("rjob-" + j, 1);
                }
                long micros = (System.nanoTime() - began) / 1000 / Math.max(1, 2L * submits);
                awaitBackup(sequence(PRIMARY));
                new TextTable("webapp", "role", "updates sent / applied")
                        .row(PRIMARY, role(PRIMARY), sequence(PRIMARY))
                        .row(BACKUP, role(BACKUP), sequence(BACKUP))
                        .print(out);
                out.printf("  %d submit+complete pairs at the primary: %d us per request, each acknowledged by"
                        + " the backup before the reply%n", submits, micros);
                try {
                    backup.advertise("sneaky", 1, 1, 1, URI.create("http://sneaky"), List.of());
                    throw new IllegalStateException("the backup served a request");
                } catch (GridServiceFault fault) {
                    out.printf("  a request sent to the backup: %s [%s]%n", fault.faultName(), fault.errorCode());
                }
                grid.undeploy(BACKUP);
                backupUp = false;
                int free = primary.freeMachineCount();
                try {
                    primary.submit("rjob-after", "carol", 1000, 1024, 10, 0);
                    throw new IllegalStateException("the primary replied without its backup");
                } catch (GridServiceFault fault) {
                    out.printf("  backup stopped; the next submit: %s [%s]; free machines still %d of %d%n",
                            fault.faultName(), fault.errorCode(), primary.freeMachineCount(), free);
                }
            } finally {
                grid.undeploy(PRIMARY);
            }
        } finally {
            if (backupUp) {
                grid.undeploy(BACKUP);
            }
        }
    }

    /** The backup acknowledges on receipt and applies after; wait (briefly) until it has applied all. */
    private void awaitBackup(long sequence) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (sequence(BACKUP) < sequence && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static long sequence(String contextPath) {
        return (Long) attribute(contextPath, "Sequence");
    }

    private static String role(String contextPath) {
        return String.valueOf(attribute(contextPath, "Role")).toLowerCase(java.util.Locale.ROOT);
    }

    private static Object attribute(String contextPath, String name) {
        try {
            return ManagementFactory.getPlatformMBeanServer().getAttribute(new ObjectName(
                    "dev.gridha:type=DurableDeployment,name=" + ObjectName.quote(contextPath)), name);
        } catch (JMException e) {
            throw new IllegalStateException("no status for " + contextPath + ": " + e.getMessage(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the backup", e);
        }
    }
}
