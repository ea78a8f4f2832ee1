package dev.gridha.probe;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;

/** Takes a {@link ProbeReading} of the JVM it runs in, from the platform MXBeans. */
public final class JvmReadings {

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
        java.util.Set<String> heapPools = new java.util.HashSet<>();
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
                ManagementFactory.getRuntimeMXBean().getUptime());
    }
}
