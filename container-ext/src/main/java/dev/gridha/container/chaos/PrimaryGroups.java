package dev.gridha.container.chaos;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Whether every replica group this process is the primary of replicates to at least one backup: the
 * condition for stopping it, since the kill that follows takes down all of its groups at once, and a group
 * without a backup would have no one to take over. A process serves one group per web application, and each
 * WAR carries its own copy of this class, so they share their state through system properties: each writes
 * its own key (whether it became primary, or last committed, with no backup), and the check reads them all.
 * A web application that never was a primary here (a backup) writes nothing and holds no one back.
 */
final class PrimaryGroups {

    static final String PREFIX = "gridha.chaos.without-backup.";

    private final String prefix;
    private final String key;
    private volatile Boolean withoutBackup;

    PrimaryGroups() {
        this(PREFIX);
    }

    /** @param prefix the system properties the web applications of one process share */
    PrimaryGroups(String prefix) {
        this.prefix = prefix;
        this.key = prefix + Long.toHexString(ThreadLocalRandom.current().nextLong()); // one per web application
    }

    /** This web application's group, as primary, replicates to {@code backups} backups now. */
    void committedTo(int backups) {
        Boolean alone = backups == 0;
        if (!alone.equals(withoutBackup)) {
            withoutBackup = alone;
            System.setProperty(key, alone.toString());
        }
    }

    /** Whether this process is a primary, and every group it is primary of has a backup. */
    boolean allBackedUp() {
        boolean primary = false;
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(prefix)) {
                if (Boolean.parseBoolean(System.getProperty(name))) {
                    return false;
                }
                primary = true;
            }
        }
        return primary;
    }
}
