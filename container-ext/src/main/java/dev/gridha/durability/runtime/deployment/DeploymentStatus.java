package dev.gridha.durability.runtime.deployment;

import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/** The JMX view of one deployment; reads the live figures on every call. */
final class DeploymentStatus implements DeploymentStatusMBean {

    private final String service;
    private final String group;
    private final java.util.function.Supplier<Role> role;
    private final LongSupplier sequence;
    private final IntSupplier pending;
    private final IntSupplier backupsInView;

    DeploymentStatus(String service, String group, java.util.function.Supplier<Role> role, LongSupplier sequence,
                     IntSupplier pending, IntSupplier backupsInView) {
        this.service = service;
        this.group = group;
        this.role = role;
        this.sequence = sequence;
        this.pending = pending;
        this.backupsInView = backupsInView;
    }

    @Override
    public String getService() {
        return service;
    }

    @Override
    public String getGroup() {
        return group;
    }

    @Override
    public String getRole() {
        return role.get().name();
    }

    @Override
    public long getSequence() {
        return sequence.getAsLong();
    }

    @Override
    public int getPendingUpdates() {
        return pending.getAsInt();
    }

    @Override
    public int getBackupsInView() {
        return backupsInView.getAsInt();
    }
}
