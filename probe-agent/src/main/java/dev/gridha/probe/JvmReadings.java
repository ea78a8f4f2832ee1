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

    public static ProbeReading now() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long afterGc = 0;
        boolean known = false;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                MemoryUsage collected = pool.getCollectionUsage();
                if (collected != null) {
                    afterGc += collected.getUsed();
                    known = true;
                }
            }
        }
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
        return new ProbeReading(System.currentTimeMillis(), heap.getUsed(), known ? afterGc : -1, max, gcCount,
                gcMillis, ManagementFactory.getThreadMXBean().getThreadCount(), openFiles, cpu,
                ManagementFactory.getRuntimeMXBean().getUptime());
    }
}
