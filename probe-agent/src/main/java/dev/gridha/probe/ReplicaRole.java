package dev.gridha.probe;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one replicated deployment in a container is now, as its JMX status says: its group's primary (and how
 * many backups it has in view, i.e. could hand over to) or a backup. The manager reads it to know which
 * container holds a durable service's state and whether its standby is a caught-up backup.
 *
 * @param group          the replica group's name (no spaces)
 * @param role           {@code PRIMARY}, {@code BACKUP}, {@code STANDALONE} or another role the container names
 * @param backupsInView  a primary's backups that could take over now; 0 otherwise
 */
public record ReplicaRole(String group, String role, int backupsInView) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:/-]{1,100}");

    public ReplicaRole {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(role, "role");
        if (!NAME.matcher(group).matches()) {
            throw new IllegalArgumentException("a replica group name is 1-100 of [A-Za-z0-9._:/-], not '" + group + "'");
        }
        if (!role.matches("[A-Z_]{1,20}")) {
            throw new IllegalArgumentException("a replica role is 1-20 of [A-Z_], not '" + role + "'");
        }
        if (backupsInView < 0) {
            throw new IllegalArgumentException("backups in view cannot be negative: " + backupsInView);
        }
    }

    public boolean primary() {
        return "PRIMARY".equals(role);
    }

    public boolean backup() {
        return "BACKUP".equals(role);
    }

    /** The reading's value: {@code ROLE/backups}. */
    String encodeValue() {
        return role + "/" + backupsInView;
    }

    static ReplicaRole decode(String group, String value) {
        int slash = value.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("probe reading's role of " + group + " is not ROLE/backups: " + value);
        }
        return new ReplicaRole(group, value.substring(0, slash),
                Integer.parseInt(value.substring(slash + 1)));
    }
}
