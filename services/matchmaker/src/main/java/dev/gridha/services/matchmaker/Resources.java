package dev.gridha.services.matchmaker;

import java.io.Serializable;

/** An amount of CPU, memory and disk: what a machine offers or a job needs. */
public record Resources(int cpuMhz, int memoryMb, int diskGb) implements Serializable {

    /** True when a machine with these resources can run a job that needs {@code needed}. */
    public boolean covers(Resources needed) {
        return cpuMhz >= needed.cpuMhz && memoryMb >= needed.memoryMb && diskGb >= needed.diskGb;
    }
}
