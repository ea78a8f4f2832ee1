package dev.gridha.services.matchmaker;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the Matchmaker accepts in a request. Values outside these bounds are refused with an
 * InvalidRequestFault naming the field, before any state changes. The bounds are far above any real
 * machine (1 THz, 16 TB of memory, 1 PB of disk) but keep usage arithmetic far from overflow.
 */
final class RequestLimits {

    static final int MAX_CPU_MHZ = 1_000_000;
    static final int MAX_MEMORY_MB = 16 * 1024 * 1024;
    static final int MAX_DISK_GB = 1_000_000;
    static final int MAX_PRIORITY = 100;
    static final long MAX_RUNTIME_SECONDS = 10L * 366 * 24 * 3600;
    static final int MAX_CAPABILITIES = 32;
    /** As long as any browser or proxy takes, and what every mapping's storage holds. */
    static final int MAX_ADDRESS_LENGTH = 2048;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@~-]{1,128}");
    private static final Pattern CAPABILITY = Pattern.compile("[\\p{Graph}]{1,64}");

    private RequestLimits() {
    }

    /** Thrown for a request outside the limits; carries a stable error code. */
    static final class Violation extends Exception {
        private final String code;

        Violation(String code, String message) {
            super(message);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    static String id(String field, String value) throws Violation {
        if (value == null || !ID.matcher(value).matches()) {
            throw new Violation("request.invalid-id", field + " must be 1-128 characters of A-Z a-z 0-9 . _ : @ ~ -,"
                    + " got " + quote(value));
        }
        return value;
    }

    static Resources machineResources(int cpuMhz, int memoryMb, int diskGb) throws Violation {
        return new Resources(bounded("CpuMhz", cpuMhz, 1, MAX_CPU_MHZ),
                bounded("MemoryMb", memoryMb, 1, MAX_MEMORY_MB),
                bounded("DiskGb", diskGb, 0, MAX_DISK_GB));
    }

    static Resources jobNeeds(int cpuMhz, int memoryMb, int diskGb) throws Violation {
        return new Resources(bounded("CpuMhz", cpuMhz, 0, MAX_CPU_MHZ),
                bounded("MemoryMb", memoryMb, 0, MAX_MEMORY_MB),
                bounded("DiskGb", diskGb, 0, MAX_DISK_GB));
    }

    static int priority(int priority) throws Violation {
        return bounded("Priority", priority, 0, MAX_PRIORITY);
    }

    static long runtime(long seconds) throws Violation {
        if (seconds < 0 || seconds > MAX_RUNTIME_SECONDS) {
            throw new Violation("request.out-of-range", "RuntimeSeconds must be between 0 and "
                    + MAX_RUNTIME_SECONDS + ", got " + seconds);
        }
        return seconds;
    }

    static String address(String address) throws Violation {
        if (address != null && address.length() > MAX_ADDRESS_LENGTH) {
            throw new Violation("request.invalid-address", "Address must be at most " + MAX_ADDRESS_LENGTH
                    + " characters, got " + address.length());
        }
        try {
            URI uri = new URI(address == null ? "" : address);
            if (!uri.isAbsolute() || uri.getHost() == null) {
                throw new URISyntaxException(String.valueOf(address), "not an absolute URI with a host");
            }
            return address;
        } catch (URISyntaxException e) {
            throw new Violation("request.invalid-address", "Address must be an absolute URI with a host, got "
                    + quote(address));
        }
    }

    static List<String> capabilities(List<String> capabilities) throws Violation {
        if (capabilities.size() > MAX_CAPABILITIES) {
            throw new Violation("request.out-of-range", "at most " + MAX_CAPABILITIES + " capabilities, got "
                    + capabilities.size());
        }
        for (String capability : capabilities) {
            if (capability == null || !CAPABILITY.matcher(capability).matches()) {
                throw new Violation("request.invalid-capability",
                        "a capability is 1-64 visible characters, got " + quote(capability));
            }
        }
        return capabilities;
    }

    private static int bounded(String field, int value, int min, int max) throws Violation {
        if (value < min || value > max) {
            throw new Violation("request.out-of-range", field + " must be between " + min + " and " + max
                    + ", got " + value);
        }
        return value;
    }

    private static String quote(String value) {
        if (value == null) {
            return "nothing";
        }
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
