package dev.gridha.durability.runtime.deployment;

/**
 * What an operator (and the HA manager's probes) can read about one durable deployment over JMX, under
 * {@code dev.gridha:type=DurableDeployment,name=<context path>}.
 */
public interface DeploymentStatusMBean {

    String getService();

    String getGroup();

    /** {@code STANDALONE}, {@code PRIMARY} or {@code BACKUP}. */
    String getRole();

    /** Primary: the last update sent to the backups; backup: the last update applied; standalone: 0. */
    long getSequence();

    /** Backup: updates received but not applied yet (what a promotion must drain first). */
    int getPendingUpdates();

    /** Primary: the backups that could take over if it died now (a failover group's view); else 0. */
    int getBackupsInView();
}
