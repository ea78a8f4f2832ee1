package dev.gridha.services.matchmaker;

import java.io.Serializable;
import java.util.List;

/** What a machine advertised: its resources and where jobs reach it. */
public record Machine(String id, Resources resources, String address, List<String> capabilities)
        implements Serializable {

    /** Separates capabilities in {@link #capabilityList()}: a capability is visible characters only. */
    static final String CAPABILITY_SEPARATOR = "\n";

    public Machine {
        capabilities = List.copyOf(capabilities);
    }

    // Flat views for the durability mapping's SQL (:arg0.cpuMhz), which reads one accessor deep.

    public int cpuMhz() {
        return resources.cpuMhz();
    }

    public int memoryMb() {
        return resources.memoryMb();
    }

    public int diskGb() {
        return resources.diskGb();
    }

    /** The capabilities as one string, as the all-database mapping stores them. */
    public String capabilityList() {
        return String.join(CAPABILITY_SEPARATOR, capabilities);
    }

    /** The inverse of {@link #capabilityList()}. */
    static List<String> capabilitiesOf(String list) {
        return list == null || list.isEmpty() ? List.of() : List.of(list.split(CAPABILITY_SEPARATOR));
    }
}
