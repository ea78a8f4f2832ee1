package dev.gridha.bench.vm;

import java.util.Locale;

/** The VM reboot benchmark's run as Markdown, in the shape of Table 6's other rows and beside the seed's. */
public final class VmRebootReport {

    /** Seed Table 6, VM reboot: one reboot at t = 300 s of a 600 s run. */
    static final String SEED = "758 / 92.5 s";

    /**
     * How the run was set up.
     *
     * @param acceleration which accelerator the guest ran on and why (a KVM fallback included)
     */
    public record Setup(int clients, long beforeSeconds, long afterSeconds, int vcpus, int memoryMib,
                        String acceleration) {
    }

    private VmRebootReport() {
    }

    public static String markdown(Setup setup, GuestBoot boot, VmRebootBenchmark.Run run) {
        StringBuilder markdown = new StringBuilder(intro(setup, boot));
        markdown.append(String.format(Locale.ROOT, "%d clients querying the data service back to back, directly"
                + " (no balancer: host 127.0.0.1 port forward -> QEMU user networking -> a busybox nc forwarder in the"
                + " guest -> Tomcat on the guest's 127.0.0.1:8080); the guest rebooted with libvirt's Domain.reboot"
                + " (LibvirtAction REBOOT) %d s into the run; %d s of load after the service answered again.%n%n",
                setup.clients(), setup.beforeSeconds(), setup.afterSeconds()));
        markdown.append("| intervention | seed Table 6 (failed / downtime) | failed queries | downtime at the"
                + " reboot (s) | answered | throughput before (queries/s) | throughput after | throughput over the run"
                + " | reboot call took (s) |\n|---|---|---|---|---|---|---|---|---|\n");
        markdown.append(String.format(Locale.ROOT, "| VM reboot | %s | %,d | %s | %,d | %.1f | %s | %.1f | %.2f |%n",
                SEED, run.failed(), run.recovered() ? String.format(Locale.ROOT, "%.2f", run.downtime().seconds())
                        : String.format(Locale.ROOT, "> %.1f (no answer by the end)", run.downtime().seconds()),
                run.answered(), run.throughputBefore(), run.recovered()
                        ? String.format(Locale.ROOT, "%.1f", run.throughputAfter()) : "-",
                run.throughput(), run.rebootCallSeconds()));
        markdown.append(String.format(Locale.ROOT, "%nAfter the reboot call: the guest's new boot answered its page"
                + " after %s, the data service its first query after %s; %,d queries failed in between (the rest of"
                + " the failed ones, if any, came before or after). Downtime is the longest time no client got an"
                + " answer that overlaps the reboot, from the last answer before it to the first after, as for the"
                + " other rows of Table 6; the page is polled every 0.1 s with a 1 s timeout, so its time can be up"
                + " to ~1 s late.%n", seconds(run.guestBackSeconds()), seconds(run.serviceBackSeconds()),
                run.failedDuringOutage()));
        if (run.failedBeforeReboot() > 0) {
            markdown.append(String.format(Locale.ROOT, "%n**Not a clean run**: %,d queries had already failed before"
                    + " the reboot (the guest's console log says why), so these figures do not measure the reboot"
                    + " alone.%n", run.failedBeforeReboot()));
        }
        return markdown.toString();
    }

    /** The fallback's report: the guest's page alone, a lower bound of the service's downtime. */
    public static String pageMarkdown(Setup setup, GuestBoot boot, VmRebootBenchmark.PageRun run) {
        return intro(setup, boot) + String.format(Locale.ROOT, "The data service did not answer in the guest"
                + " within the boot limit, so this run measures only the guest init's page across a reboot"
                + " (Domain.reboot), with no load: **a lower bound** of the VM reboot's downtime, which would add the"
                + " JVM's start.%n%n| intervention | seed Table 6 (failed / downtime) | page downtime, lower bound (s)"
                + " | reboot call took (s) |%n|---|---|---|---|%n| VM reboot (page only) | %s | %.2f | %.2f |%n",
                SEED, run.downtime().seconds(), run.rebootCallSeconds());
    }

    private static String intro(Setup setup, GuestBoot boot) {
        return String.format(Locale.ROOT, "Guest: libvirt qemu:///system, %s; %d vCPU%s, %d MiB; Debian's kernel"
                + " with a busybox initramfs; the host's JDK and the gridha launcher over virtio-9p (host root"
                + " read-only), `gridha up --port 8080` in it with its state on the guest's tmpfs.%n%n"
                + "First boot: libvirt's define and start took %.1f s; the guest's page answered after %s, the"
                + " data service after %s (from the start call).%n%n", setup.acceleration(), setup.vcpus(),
                setup.vcpus() == 1 ? "" : "s", setup.memoryMib(), boot.startCallSeconds(), seconds(boot.pageSeconds()),
                seconds(boot.serviceSeconds()));
    }

    private static String seconds(double seconds) {
        return Double.isNaN(seconds) ? "never (within the limit)" : String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
