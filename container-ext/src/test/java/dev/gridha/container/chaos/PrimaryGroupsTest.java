package dev.gridha.container.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

/** Deployments published on a server of the test's own stand for the web applications (groups) of a process. */
class PrimaryGroupsTest {

    /** What a deployment publishes that the check reads. */
    public interface StatusMBean {
        String getRole();

        int getBackupsInView();
    }

    /** A deployment whose role and view the test changes. */
    public static final class Status implements StatusMBean {
        volatile String role;
        volatile int backupsInView;

        Status(String role, int backupsInView) {
            this.role = role;
            this.backupsInView = backupsInView;
        }

        @Override
        public String getRole() {
            return role;
        }

        @Override
        public int getBackupsInView() {
            return backupsInView;
        }
    }

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final PrimaryGroups process = new PrimaryGroups(server);

    private Status deployed(String name, String role, int backupsInView) throws Exception {
        Status status = new Status(role, backupsInView);
        server.registerMBean(status, new ObjectName("dev.gridha:type=DurableDeployment,name=" + name));
        return status;
    }

    @Test
    void aProcessWithNoPrimaryIsNotBackedUpSoABackupIsNeverStopped() throws Exception {
        assertThat(process.allBackedUp()).isFalse();
        deployed("counter", "BACKUP", 0);
        deployed("matchmaker", "BACKUP", 0);
        assertThat(process.allBackedUp()).isFalse();
    }

    @Test
    void everyGroupThisProcessIsPrimaryOfMustHaveABackupInItsView() throws Exception {
        Status counter = deployed("counter", "PRIMARY", 1);
        Status matchmaker = deployed("matchmaker", "BACKUP", 0);
        assertThat(process.allBackedUp()).isTrue(); // the matchmaker is a backup here: it holds nothing back

        matchmaker.role = "PRIMARY"; // promoted, alone: killing the process would leave its group no one
        assertThat(process.allBackedUp()).isFalse();

        matchmaker.backupsInView = 2;
        assertThat(process.allBackedUp()).isTrue();

        counter.backupsInView = 0; // a backup dropped from the view a moment ago counts at once
        assertThat(process.allBackedUp()).isFalse();
    }

    @Test
    void deploymentsOfOtherKindsAreNotAsked() throws Exception {
        deployed("counter", "PRIMARY", 1);
        server.registerMBean(new Status("PRIMARY", 0), new ObjectName("dev.gridha:type=Other,name=x"));
        assertThat(process.allBackedUp()).isTrue();
    }
}
