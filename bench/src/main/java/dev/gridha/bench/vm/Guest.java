package dev.gridha.bench.vm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * One guest under libvirt's {@code qemu:///system}: prepared by {@code bench/vm/make-guest.sh} (which installs
 * QEMU and libvirt when missing and starts their daemons where there is no systemd), then defined and started
 * through libvirt-java. {@link #close()} destroys and undefines the domain and stops only the daemons
 * make-guest.sh started; it is safe to call twice and from a shutdown hook (Ctrl-C) while a run is under way.
 */
public final class Guest implements AutoCloseable {

    /** Where the guest's hypervisor is: the system instance, which runs QEMU as its own user. */
    public static final String HYPERVISOR = "qemu:///system";

    private final GuestConfig config;
    private final Path script;
    private final Connect hypervisor;
    private Domain domain;
    private boolean closed;

    private Guest(GuestConfig config, Path script, Connect hypervisor) {
        this.config = config;
        this.script = script;
        this.hypervisor = hypervisor;
    }

    /**
     * Runs make-guest.sh for {@code config} (its lines go to {@code log}) and connects to libvirt.
     *
     * @throws GuestUnavailableException if this machine cannot have the guest (the benchmark is skipped)
     */
    public static Guest prepare(Path script, GuestConfig config, Consumer<String> log)
            throws GuestUnavailableException, IOException, InterruptedException {
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("no executable " + script + " (run from the repository's root)");
        }
        Process process = new ProcessBuilder(config.makeGuestCommand(script)).redirectErrorStream(true).start();
        String last = "";
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                log.accept("  " + line);
                last = line;
            }
        }
        int status = process.waitFor();
        if (status != 0) {
            stopDaemons(script, config.folder(), log); // any it started before it gave up
            GuestUnavailableException.checkMakeGuestStatus(status, last);
        }
        try {
            return new Guest(config, script, new Connect(HYPERVISOR, false));
        } catch (LibvirtException | UnsatisfiedLinkError | NoClassDefFoundError e) {
            stopDaemons(script, config.folder(), log);
            throw new GuestUnavailableException("libvirt is unreachable at " + HYPERVISOR + ": " + e.getMessage(), e);
        }
    }

    public GuestConfig config() {
        return config;
    }

    /** Defines the domain from make-guest.sh's XML (replacing a stale one of the same name) and boots it. */
    public synchronized void start() throws IOException {
        if (closed) {
            throw new IllegalStateException("the guest is closed");
        }
        try {
            removeStale();
            Files.deleteIfExists(config.consoleLog()); // the serial log is appended to: one boot's lines only
            domain = hypervisor.domainDefineXML(Files.readString(config.domainXml()));
            domain.create();
        } catch (LibvirtException e) {
            throw new IllegalStateException("libvirt could not start " + config.domainName() + ": " + e.getMessage(),
                    e);
        }
    }

    /** A domain of this name left behind by an earlier run that was killed hard. */
    private void removeStale() throws LibvirtException {
        // looked for among the names first: a lookup of a missing domain has libvirt print an error on stderr
        boolean defined = Arrays.asList(hypervisor.listDefinedDomains()).contains(config.domainName());
        boolean running = false;
        for (int id : hypervisor.listDomains()) {
            running |= hypervisor.domainLookupByID(id).getName().equals(config.domainName());
        }
        if (!defined && !running) {
            return;
        }
        Domain stale = hypervisor.domainLookupByName(config.domainName());
        if (stale.isActive() == 1) {
            stale.destroy();
        }
        stale.undefine();
    }

    /** Destroys and undefines the domain, disconnects, and stops the daemons make-guest.sh started. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (domain != null) {
            try {
                if (domain.isActive() == 1) {
                    domain.destroy();
                }
                domain.undefine();
            } catch (LibvirtException e) {
                System.err.println("gridha: could not remove the guest " + config.domainName() + ": " + e.getMessage()
                        + " (virsh -c " + HYPERVISOR + " destroy/undefine it)");
            }
        }
        try {
            hypervisor.close();
        } catch (LibvirtException e) {
            // closing anyway
        }
        try {
            stopDaemons(script, config.folder(), System.out::println);
        } catch (IOException e) {
            System.err.println("gridha: could not stop libvirt's daemons: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the daemons make-guest.sh recorded as started for {@code folder} (none if it started none). */
    public static void stopDaemons(Path script, Path folder, Consumer<String> log)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(script.toString(), "stop-daemons", folder.toString()))
                .redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            output.lines().forEach(line -> log.accept("  " + line));
        }
        process.waitFor();
    }
}
