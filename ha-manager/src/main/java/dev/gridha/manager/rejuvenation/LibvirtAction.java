package dev.gridha.manager.rejuvenation;

import java.util.Objects;
import java.util.function.UnaryOperator;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainSnapshot;
import org.libvirt.LibvirtException;

/**
 * Rejuvenation at VM level through libvirt: the container's guest is rebooted, destroyed and started (a cold
 * boot, what a hung guest needs), or reverted to a clean snapshot (a young system whatever the guest
 * accumulated). One connection to the hypervisor, opened up front so a wrong URI or a missing libvirt is
 * found when the manager starts, not at the first rejuvenation. Thread-safe (one action at a time).
 */
public final class LibvirtAction implements RejuvenationAction, AutoCloseable {

    /** What is done to the guest. */
    public enum Kind {
        REBOOT("VM reboot"),
        DESTROY_AND_START("VM destroy and start"),
        REVERT_TO_SNAPSHOT("VM revert to snapshot");

        private final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    private final String uri;
    private final Kind kind;
    private final UnaryOperator<String> domainOf;
    private final String snapshot;
    private final Connect hypervisor;

    /**
     * @param uri      the hypervisor, e.g. {@code qemu:///system}, or {@code test:///default} (no daemon)
     * @param domainOf the libvirt domain name of each container
     * @param snapshot the snapshot to revert to ({@link Kind#REVERT_TO_SNAPSHOT} only)
     * @throws RejuvenationException if libvirt or the hypervisor cannot be reached
     */
    public LibvirtAction(String uri, Kind kind, UnaryOperator<String> domainOf, String snapshot)
            throws RejuvenationException {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.domainOf = Objects.requireNonNull(domainOf, "domainOf");
        if (kind == Kind.REVERT_TO_SNAPSHOT && (snapshot == null || snapshot.isBlank())) {
            throw new IllegalArgumentException("reverting to a snapshot needs the snapshot's name");
        }
        this.snapshot = snapshot;
        try {
            this.hypervisor = new Connect(uri, false);
        } catch (LibvirtException | UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new RejuvenationException("cannot open libvirt connection " + uri + ": " + message(e)
                    + (e instanceof LibvirtException ? "" : " (is libvirt0 installed?)"), e);
        }
    }

    @Override
    public synchronized void rejuvenate(String container) throws RejuvenationException {
        String name = domainOf.apply(container);
        Domain domain;
        try {
            domain = hypervisor.domainLookupByName(name);
        } catch (LibvirtException e) {
            throw new RejuvenationException("libvirt domain '" + name + "' of container " + container
                    + " does not exist at " + uri + ": " + message(e), e);
        }
        try {
            switch (kind) {
                case REBOOT -> domain.reboot(0);
                case DESTROY_AND_START -> {
                    if (domain.isActive() == 1) {
                        domain.destroy();
                    }
                    domain.create();
                }
                case REVERT_TO_SNAPSHOT -> {
                    DomainSnapshot clean = domain.snapshotLookupByName(snapshot);
                    domain.revertToSnapshot(clean);
                    if (domain.isActive() != 1) {
                        domain.create(); // a snapshot of a stopped guest leaves it stopped
                    }
                }
                default -> throw new IllegalStateException(kind.name());
            }
        } catch (LibvirtException e) {
            throw new RejuvenationException(describe() + " of domain '" + name + "' failed: " + message(e), e);
        }
    }

    @Override
    public String describe() {
        return kind.description;
    }

    /** The hypervisor connection (for the guest's state in tests and on the status page). */
    public Connect hypervisor() {
        return hypervisor;
    }

    @Override
    public synchronized void close() {
        try {
            hypervisor.close();
        } catch (LibvirtException e) {
            // closing anyway
        }
    }

    private static String message(Throwable e) {
        String text = e.getMessage();
        return text == null ? e.getClass().getSimpleName() : text.strip();
    }
}
