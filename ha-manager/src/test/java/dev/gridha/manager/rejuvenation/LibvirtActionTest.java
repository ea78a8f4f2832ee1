package dev.gridha.manager.rejuvenation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;

/**
 * VM-level actions against libvirt's built-in test driver ({@code test:///default}: a hypervisor in the
 * calling process with one running domain named "test", no daemon). Its state lives as long as a connection
 * to it is open, so each test works through the action's own connection.
 */
class LibvirtActionTest {

    private static final String TEST_DRIVER = "test:///default";

    @BeforeAll
    static void libvirtIsInstalled() {
        org.junit.jupiter.api.Assumptions.assumeTrue(LibvirtPresence.available(),
                "libvirt0 (the system's libvirt library) is not installed: ./gridha test installs it as root");
    }

    @Test
    void destroyAndStartLeavesTheGuestRunningAgain() throws Exception {
        try (LibvirtAction action = new LibvirtAction(TEST_DRIVER, LibvirtAction.Kind.DESTROY_AND_START, c -> "test",
                null)) {
            Domain guest = action.hypervisor().domainLookupByName("test");
            assertThat(guest.isActive()).isEqualTo(1);

            action.rejuvenate("dataaccess-1");

            assertThat(guest.getInfo().state).isEqualTo(DomainInfo.DomainState.VIR_DOMAIN_RUNNING);
            assertThat(action.describe()).isEqualTo("VM destroy and start");
        }
    }

    @Test
    void rebootAndRevertToACleanSnapshotLeaveTheGuestRunning() throws Exception {
        try (LibvirtAction reboot = new LibvirtAction(TEST_DRIVER, LibvirtAction.Kind.REBOOT, c -> "test", null)) {
            reboot.rejuvenate("c");
            assertThat(reboot.hypervisor().domainLookupByName("test").isActive()).isEqualTo(1);

            Domain guest = reboot.hypervisor().domainLookupByName("test");
            guest.snapshotCreateXML("<domainsnapshot><name>clean</name></domainsnapshot>");
            guest.suspend(); // the aged guest's state, which the revert must undo
            try (LibvirtAction revert = new LibvirtAction(TEST_DRIVER, LibvirtAction.Kind.REVERT_TO_SNAPSHOT,
                    c -> "test", "clean")) {
                revert.rejuvenate("c");
                assertThat(revert.hypervisor().domainLookupByName("test").getInfo().state)
                        .isEqualTo(DomainInfo.DomainState.VIR_DOMAIN_RUNNING);
            }
        }
    }

    @Test
    void aDomainThatDoesNotExistAMissingSnapshotAndABadHypervisorAreClearErrors() throws Exception {
        try (LibvirtAction action = new LibvirtAction(TEST_DRIVER, LibvirtAction.Kind.REBOOT, c -> "gridha-" + c, null)) {
            assertThatThrownBy(() -> action.rejuvenate("dataaccess-2")).isInstanceOf(RejuvenationException.class)
                    .hasMessageContaining("libvirt domain 'gridha-dataaccess-2' of container dataaccess-2 does not exist"
                            + " at test:///default");
        }
        try (LibvirtAction revert = new LibvirtAction(TEST_DRIVER, LibvirtAction.Kind.REVERT_TO_SNAPSHOT, c -> "test",
                "never-taken")) {
            assertThatThrownBy(() -> revert.rejuvenate("c")).isInstanceOf(RejuvenationException.class)
                    .hasMessageContaining("VM revert to snapshot of domain 'test' failed");
        }
        assertThatThrownBy(() -> new LibvirtAction("nonsense:///nowhere", LibvirtAction.Kind.REBOOT, c -> c, null))
                .isInstanceOf(RejuvenationException.class).hasMessageContaining("cannot open libvirt connection"
                        + " nonsense:///nowhere");
    }
}
