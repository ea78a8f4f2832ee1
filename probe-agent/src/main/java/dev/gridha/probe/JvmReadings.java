package dev.gridha.probe;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Takes a {@link ProbeReading} of the JVM it runs in, from the platform MXBeans and the status MBeans of the
 * container's replicated deployments ({@code dev.gridha:type=DurableDeployment,*}, read by attribute name: the
 * agent does not depend on the container's classes).
 */
public final class JvmReadings {

    private static final ObjectName DEPLOYMENTS = deploymentPattern();

    private JvmReadings() {
    }

    /**
     * The heap in use just after the most recent collection of any kind, summed over the heap's pools: what
     * survives collection, so it grows with a leak and not with garbage. A young collection already tells it
     * (the old generation's occupancy then is in it), so a leak shows long before an old-generation collection;
     * -1 before the first collection.
     */
    private static long heapAfterLastCollection() {
        com.sun.management.GcInfo latest = null;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof com.sun.management.GarbageCollectorMXBean withInfo) {
                com.sun.management.GcInfo info = withInfo.getLastGcInfo();
                if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
                    latest = info;
                }
            }
        }
        if (latest == null) {
            return -1;
        }
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        long used = 0;
        for (java.util.Map.Entry<String, MemoryUsage> pool : latest.getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        return used;
    }

    private static ObjectName deploymentPattern() {
        try {
            return new ObjectName("dev.gridha:type=DurableDeployment,*");
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The role of each replicated deployment (one with a group that is not standalone), one per group; a
     * deployment closing while it is read is left out.
     */
    static List<ReplicaRole> replicaRoles(MBeanServer server) {
        List<ReplicaRole> roles = new ArrayList<>();
        Set<String> groups = new HashSet<>();
        for (ObjectName deployment : server.queryNames(DEPLOYMENTS, null)) {
            try {
                Object group = server.getAttribute(deployment, "Group");
                Object role = server.getAttribute(deployment, "Role");
                Object backups = server.getAttribute(deployment, "BackupsInView");
                if (group instanceof String name && role instanceof String value && !"STANDALONE".equals(value)
                        && backups instanceof Number count && groups.add(name)) {
                    roles.add(new ReplicaRole(name, value, count.intValue()));
                }
            } catch (JMException | IllegalArgumentException e) {
                // closing as we ask, or a name a reading cannot carry: not one to report
            }
        }
        roles.sort(java.util.Comparator.comparing(ReplicaRole::group));
        return roles;
    }

    public static ProbeReading now() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long afterGc = heapAfterLastCollection();
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, collector.getCollectionCount());
            gcMillis += Math.max(0, collector.getCollectionTime());
        }
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        long openFiles = -1;
        double cpu = -1;
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            openFiles = unix.getOpenFileDescriptorCount();
        }
        if (os instanceof com.sun.management.OperatingSystemMXBean extended) {
            cpu = extended.getProcessCpuLoad();
        }
        long max = heap.getMax() > 0 ? heap.getMax() : Runtime.getRuntime().maxMemory();
        return new ProbeReading(System.currentTimeMillis(), heap.getUsed(), afterGc, max, gcCount,
                gcMillis, ManagementFactory.getThreadMXBean().getThreadCount(), openFiles, cpu,
                ManagementFactory.getRuntimeMXBean().getUptime(), replicaRoles(ManagementFactory.getPlatformMBeanServer()));
    }
}
