package dev.gridha.launcher;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.gridha.bench.CpuCalibration;
import dev.gridha.bench.vm.Accelerator;
import dev.gridha.bench.vm.AcceleratorChoice;
import dev.gridha.bench.vm.Guest;
import dev.gridha.bench.vm.GuestApp;
import dev.gridha.bench.vm.GuestBoot;
import dev.gridha.bench.vm.GuestConfig;
import dev.gridha.bench.vm.GuestProbe;
import dev.gridha.bench.vm.GuestUnavailableException;
import dev.gridha.bench.vm.KvmUsability;
import dev.gridha.bench.vm.VmRebootBenchmark;
import dev.gridha.bench.vm.VmRebootReport;
import dev.gridha.bench.vm.VmRebootSettings;
import dev.gridha.launcher.embedded.GridWars;
import dev.gridha.manager.rejuvenation.LibvirtAction;
import dev.gridha.manager.rejuvenation.RejuvenationException;

/**
 * {@code ./gridha bench vmreboot}: the seed's Table 6 "VM reboot" row. A QEMU guest under libvirt runs {@code
 * gridha up} (the host's JDK and this launcher, shared read-only over 9p); clients on the host query its data
 * service through a loopback port forward, and at mid-run the HA manager's VM-level action reboots the guest
 * ({@link LibvirtAction} REBOOT). Where this machine cannot have the guest (no accelerator that boots, not root
 * to install QEMU and libvirt, libvirt unreachable) it prints one line starting "gridha bench vmreboot: skipped:"
 * and exits 0.
 */
@Command(name = "vmreboot", mixinStandardHelpOptions = true,
        description = "Seed Table 6, VM reboot: the data service in a libvirt guest under constant load, the guest"
                + " rebooted at mid-run: failed queries, downtime, throughput. Skips (exit 0, one line) where no"
                + " guest can run.")
final class BenchVmRebootCommand implements Callable<Integer> {

    private static final String SKIPPED = "gridha bench vmreboot: skipped: ";

    @Option(names = "--tcg", description = "software emulation only (the same as --kvm never)")
    boolean tcg;

    @Option(names = "--kvm", paramLabel = "WHEN", defaultValue = "auto",
            description = "auto (the default: KVM where /dev/kvm looks usable, else TCG), always (try KVM anyway)"
                    + " or never; a KVM guest that does not answer within --kvm-boot-limit is retried under TCG")
    String kvm;

    @Option(names = "--clients", description = "clients querying back to back (default ${DEFAULT-VALUE})",
            defaultValue = "4")
    int clients;

    @Option(names = "--before", description = "seconds of load before the reboot (default ${DEFAULT-VALUE})",
            defaultValue = "30")
    int beforeSeconds;

    @Option(names = "--after", description = "seconds of load after the service answers again (default"
            + " ${DEFAULT-VALUE})", defaultValue = "60")
    int afterSeconds;

    @Option(names = "--vcpus", defaultValue = "1", description = "the guest's virtual CPUs (default ${DEFAULT-VALUE}:"
            + " under TCG with 2, the guest's JVM once crashed in its compiled code, bench/vm/README.md)")
    int vcpus;

    @Option(names = "--memory", paramLabel = "MIB", description = "the guest's memory (default ${DEFAULT-VALUE})",
            defaultValue = "1536")
    int memoryMib;

    @Option(names = "--port", description = "host loopback port of the guest's page; the data service is on the"
            + " next one (default ${DEFAULT-VALUE})", defaultValue = "18180")
    int port;

    @Option(names = "--boot-limit", paramLabel = "SECONDS", defaultValue = "600",
            description = "how long the data service may take to answer after a boot or the reboot (default"
                    + " ${DEFAULT-VALUE}); if it never does, only the guest's page is measured, as a lower bound")
    int bootLimitSeconds;

    @Option(names = "--kvm-boot-limit", paramLabel = "SECONDS", defaultValue = "60",
            description = "how long a KVM guest may take to show its page before TCG is tried (default"
                    + " ${DEFAULT-VALUE})")
    int kvmBootLimitSeconds;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "/var/tmp/gridha-vmreboot",
            description = "the guest's kernel, initramfs and console log, and the staged launcher; outside /tmp,"
                    + " readable by libvirt's QEMU user (default ${DEFAULT-VALUE})")
    Path workDir;

    @Option(names = "--make-guest", paramLabel = "SCRIPT", defaultValue = "bench/vm/make-guest.sh",
            description = "the guest's preparation script (default ${DEFAULT-VALUE})")
    Path makeGuest;

    @Option(names = "--out", description = "Markdown results file (default bench/results/vmreboot-<time>.md)")
    Path out;

    /** The guest of the moment, for the shutdown hook (Ctrl-C) to remove. */
    private volatile Guest guest;

    @Override
    public Integer call() throws Exception {
        VmRebootSettings settings = new VmRebootSettings(clients, beforeSeconds, afterSeconds, vcpus, memoryMib, port,
                bootLimitSeconds, kvmBootLimitSeconds, tcg, kvm);
        AcceleratorChoice choice = AcceleratorChoice.decide(settings.policy(), KvmUsability.at(Path.of("/")));
        BenchOutput.progress().accept("gridha bench vmreboot: " + choice.why());
        long calibrationBefore = CpuCalibration.measureMillis();
        Path work = workDir.toAbsolutePath();
        Path app = GuestApp.stage(launcherJar(), GridWars.folder().toAbsolutePath(), work.resolve("app"));
        GuestConfig config = new GuestConfig(work.resolve("guest"), settings.pagePort(), settings.servicePort(),
                choice.accelerator(), vcpus, memoryMib, app, Path.of(System.getProperty("java.home"), "bin", "java"));
        Thread cleanup = new Thread(() -> removeGuest(config), "gridha-vmreboot-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            return measure(settings, choice, config, calibrationBefore);
        } catch (GuestUnavailableException e) {
            System.out.println(SKIPPED + e.getMessage());
            return 0;
        } finally {
            removeGuest(config);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs, and finds nothing left to remove
            }
        }
    }

    private int measure(VmRebootSettings settings, AcceleratorChoice choice, GuestConfig first, long calibrationBefore)
            throws Exception {
        List<String> acceleration = new ArrayList<>(List.of(choice.why()));
        GuestProbe probe = new GuestProbe(URI.create("http://127.0.0.1:" + settings.pagePort() + "/"),
                URI.create("http://127.0.0.1:" + settings.servicePort() + GridWars.DATAACCESS));
        GuestBoot boot = null;
        GuestConfig config = first;
        while (boot == null) {
            BenchOutput.progress().accept("[1/3] preparing the guest (" + config.accelerator() + ", "
                    + String.join(" ", config.makeGuestCommand(makeGuest).subList(1, 3)) + ")");
            try {
                guest = Guest.prepare(makeGuest, config, BenchOutput.progress());
            } catch (GuestUnavailableException e) {
                if (config.accelerator() == Accelerator.TCG) {
                    throw e;
                }
                acceleration.add("KVM could not be prepared (" + e.getMessage() + "): fell back to TCG");
                BenchOutput.progress().accept("  " + acceleration.get(acceleration.size() - 1));
                config = config.with(Accelerator.TCG);
                continue;
            }
            BenchOutput.progress().accept("[2/3] booting it and waiting for gridha up in it");
            GuestBoot measured = GuestBoot.measure(guest, probe, settings.pageLimit(config.accelerator()),
                    settings.bootLimit(), BenchOutput.progress());
            if (!measured.pageAnswered() && config.accelerator() == Accelerator.KVM) {
                acceleration.add(String.format(Locale.ROOT, "the KVM guest did not answer within %d s: fell back to"
                        + " TCG", kvmBootLimitSeconds));
                BenchOutput.progress().accept("  " + acceleration.get(acceleration.size() - 1));
                removeGuest(config);
                config = config.with(Accelerator.TCG);
                continue;
            }
            if (!measured.pageAnswered()) {
                throw new IllegalStateException("the guest did not answer within " + bootLimitSeconds + " s (its"
                        + " console: " + config.consoleLog() + ")");
            }
            boot = measured;
        }
        VmRebootReport.Setup setup = new VmRebootReport.Setup(clients, beforeSeconds, afterSeconds, vcpus, memoryMib,
                String.join("; ", acceleration));
        VmRebootBenchmark benchmark = new VmRebootBenchmark(clients, Duration.ofSeconds(beforeSeconds),
                Duration.ofSeconds(afterSeconds), settings.bootLimit(), BenchOutput.progress());
        String domain = config.domainName();
        String markdown;
        TextTable table;
        try (LibvirtAction reboot = new LibvirtAction(Guest.HYPERVISOR, LibvirtAction.Kind.REBOOT, id -> domain,
                null)) {
            if (boot.serviceAnswered()) {
                BenchOutput.progress().accept(String.format(Locale.ROOT, "[3/3] %d clients for %d s, then %s of %s",
                        clients, beforeSeconds, reboot.describe(), domain));
                VmRebootBenchmark.Run run = benchmark.measure(probe.dataAccess(), probe,
                        () -> reboot.rejuvenate("guest"));
                markdown = VmRebootReport.markdown(setup, boot, run);
                table = new TextTable("intervention", "failed", "downtime (s)", "answered", "queries/s before",
                        "after", "overall", "guest page back (s)", "service back (s)")
                        .row("VM reboot", String.format(Locale.ROOT, "%,d", run.failed()),
                                String.format(Locale.ROOT, "%.2f", run.downtime().seconds()),
                                String.format(Locale.ROOT, "%,d", run.answered()),
                                String.format(Locale.ROOT, "%.1f", run.throughputBefore()),
                                String.format(Locale.ROOT, "%.1f", run.throughputAfter()),
                                String.format(Locale.ROOT, "%.1f", run.throughput()),
                                String.format(Locale.ROOT, "%.1f", run.guestBackSeconds()),
                                String.format(Locale.ROOT, "%.1f", run.serviceBackSeconds()));
            } else {
                BenchOutput.progress().accept(String.format(Locale.ROOT, "[3/3] the data service did not answer"
                        + " within %d s: measuring the guest's page across %s instead (a lower bound)",
                        bootLimitSeconds, reboot.describe()));
                VmRebootBenchmark.PageRun run = benchmark.measurePage(probe, () -> reboot.rejuvenate("guest"));
                markdown = VmRebootReport.pageMarkdown(setup, boot, run);
                table = new TextTable("intervention", "page downtime, lower bound (s)")
                        .row("VM reboot (page only)", String.format(Locale.ROOT, "%.2f", run.downtime().seconds()));
            }
        } catch (RejuvenationException e) {
            throw new GuestUnavailableException(e.getMessage(), e);
        }
        removeGuest(config);
        long calibrationAfter = CpuCalibration.measureMillis();
        System.out.println();
        table.print(System.out);
        BenchOutput.report("vmreboot", out, markdown + "\n" + new BenchOutput.Calibrated<>(null, calibrationBefore,
                calibrationAfter).line());
        return 0;
    }

    /** Destroys and undefines the guest and stops the daemons make-guest.sh started, if not done already. */
    private void removeGuest(GuestConfig config) {
        Guest current = guest;
        if (current != null) {
            current.close();
            guest = null;
        } else {
            try {
                Guest.stopDaemons(makeGuest, config.folder(), System.out::println);
            } catch (java.io.IOException e) {
                System.err.println("gridha: could not stop libvirt's daemons: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The launcher jar this command runs from: the guest runs the same one. */
    private static Path launcherJar() {
        try {
            Path location = Path.of(BenchVmRebootCommand.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI());
            if (location.toString().endsWith(".jar") && Files.isRegularFile(location)) {
                return location;
            }
        } catch (URISyntaxException | RuntimeException e) {
            // not from a jar
        }
        throw new IllegalStateException("run it from the launcher jar (./gridha bench vmreboot): the guest runs"
                + " that jar");
    }
}
