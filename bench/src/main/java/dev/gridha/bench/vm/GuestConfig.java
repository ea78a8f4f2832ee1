package dev.gridha.bench.vm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The guest the VM reboot benchmark boots, as {@code bench/vm/make-guest.sh} prepares it: Debian's kernel and a
 * busybox initramfs that serves its boot id at 127.0.0.1:{@code pagePort} and runs {@code gridha up} from {@code
 * app} (on the host's root, shared read-only over virtio-9p), reached at 127.0.0.1:{@code servicePort}.
 *
 * @param folder      where make-guest.sh puts the kernel, initramfs, domain XML and console log
 * @param app         the staged launcher ({@link GuestApp}); outside /tmp, where the guest mounts its own tmpfs
 * @param java        the host's java binary the guest runs
 */
public record GuestConfig(Path folder, int pagePort, int servicePort, Accelerator accelerator, int vcpus,
                          int memoryMib, Path app, Path java) {

    public GuestConfig {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(accelerator, "accelerator");
        Objects.requireNonNull(java, "java");
        Objects.requireNonNull(app, "app");
        if (!validPort(pagePort) || !validPort(servicePort) || pagePort == servicePort) {
            throw new IllegalArgumentException("two different ports 1024-65535, not " + pagePort + " and "
                    + servicePort);
        }
        if (vcpus < 1 || vcpus > 9) {
            throw new IllegalArgumentException("1-9 vCPUs, not " + vcpus);
        }
        if (memoryMib < 512) {
            // the JVM with Tomcat and three webapps, plus their unpacked WARs on the guest's tmpfs
            throw new IllegalArgumentException("at least 512 MiB of guest memory, not " + memoryMib);
        }
        if (!app.isAbsolute() || app.startsWith("/tmp")) {
            throw new IllegalArgumentException("the staged launcher must be at an absolute path outside /tmp (the"
                    + " guest mounts its own tmpfs on /tmp), not " + app);
        }
    }

    private static boolean validPort(int port) {
        return port >= 1024 && port <= 65535;
    }

    /** The libvirt domain's name. */
    public String domainName() {
        return "gridha-vm-" + pagePort;
    }

    public Path domainXml() {
        return folder.resolve("guest.xml");
    }

    public Path consoleLog() {
        return folder.resolve("console.log");
    }

    /** The same guest under the other accelerator (the fallback from a KVM guest that never answers). */
    public GuestConfig with(Accelerator other) {
        return new GuestConfig(folder, pagePort, servicePort, other, vcpus, memoryMib, app, java);
    }

    /** The make-guest.sh command line that prepares this guest. */
    public List<String> makeGuestCommand(Path script) {
        List<String> command = new ArrayList<>(List.of(script.toString(), folder.toString(), String.valueOf(pagePort)));
        if (accelerator == Accelerator.TCG) {
            command.add("--tcg");
        }
        command.addAll(List.of("--name", domainName(), "--vcpus", String.valueOf(vcpus), "--memory",
                String.valueOf(memoryMib), "--gridha", app.toString(), "--service-port", String.valueOf(servicePort),
                "--java", java.toString()));
        return command;
    }
}
