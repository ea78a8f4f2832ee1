package dev.gridha.probe;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One reading of a container JVM, as the probe agent serves it: plain {@code name value} lines, so an
 * operator can read it with curl and any tool can parse it.
 *
 * @param atMillis           when it was taken (the container's clock, epoch milliseconds)
 * @param heapUsed           heap in use now
 * @param heapUsedAfterGc    heap in use just after the most recent collection (what survived it: the live
 *                           set a leak grows; -1 before the first collection)
 * @param heapMax            the most the heap may grow to
 * @param gcCount            collections since the JVM started
 * @param gcMillis           milliseconds spent collecting since the JVM started
 * @param threads            live threads
 * @param openFiles          open file descriptors (-1 where the OS does not tell)
 * @param processCpu         the process's recent CPU load, 0..1 of the machine (-1 if unknown)
 * @param uptimeMillis       how long the JVM has run
 * @param replicas           the role of each replicated deployment in the container (none for a container
 *                           whose services are not replicated)
 */
public record ProbeReading(long atMillis, long heapUsed, long heapUsedAfterGc, long heapMax, long gcCount,
                           long gcMillis, int threads, long openFiles, double processCpu, long uptimeMillis,
                           List<ReplicaRole> replicas) {

    /** The largest reading text accepted (a reading is ~300 bytes, plus ~30 per replicated deployment). */
    public static final int MAX_BYTES = 4096;
    private static final String ROLE_PREFIX = "role.";

    public ProbeReading {
        if (heapMax <= 0) {
            throw new IllegalArgumentException("heap max must be positive, not " + heapMax);
        }
        replicas = List.copyOf(replicas);
    }

    /** A reading of a container without replicated deployments. */
    public ProbeReading(long atMillis, long heapUsed, long heapUsedAfterGc, long heapMax, long gcCount,
                        long gcMillis, int threads, long openFiles, double processCpu, long uptimeMillis) {
        this(atMillis, heapUsed, heapUsedAfterGc, heapMax, gcCount, gcMillis, threads, openFiles, processCpu,
                uptimeMillis, List.of());
    }

    /** The live heap a leak shows in: after the last collection where known, else the heap in use now. */
    public long liveHeap() {
        return heapUsedAfterGc >= 0 ? heapUsedAfterGc : heapUsed;
    }

    public byte[] encode() {
        StringBuilder text = new StringBuilder();
        fields().forEach((name, value) -> text.append(name).append(' ').append(value).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("at_millis", Long.toString(atMillis));
        fields.put("heap_used_bytes", Long.toString(heapUsed));
        fields.put("heap_used_after_gc_bytes", Long.toString(heapUsedAfterGc));
        fields.put("heap_max_bytes", Long.toString(heapMax));
        fields.put("gc_count", Long.toString(gcCount));
        fields.put("gc_millis", Long.toString(gcMillis));
        fields.put("threads", Integer.toString(threads));
        fields.put("open_files", Long.toString(openFiles));
        fields.put("process_cpu", String.format(Locale.ROOT, "%.4f", processCpu));
        fields.put("uptime_millis", Long.toString(uptimeMillis));
        for (ReplicaRole replica : replicas) {
            fields.put(ROLE_PREFIX + replica.group(), replica.encodeValue());
        }
        return fields;
    }

    /**
     * Reads what {@link #encode} wrote.
     *
     * @throws IllegalArgumentException naming the first thing wrong: too long, a line that is not
     *                                  {@code name value}, an unknown, repeated or missing name, a bad number
     *                                  or role
     */
    public static ProbeReading decode(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("a probe reading is at most " + MAX_BYTES + " bytes, not " + bytes.length);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int space = line.indexOf(' ');
            if (space <= 0 || space != line.lastIndexOf(' ')) {
                throw new IllegalArgumentException("probe reading line " + (i + 1) + " is not 'name value'");
            }
            if (fields.put(line.substring(0, space), line.substring(space + 1)) != null) {
                throw new IllegalArgumentException("probe reading names " + line.substring(0, space) + " twice");
            }
        }
        try {
            List<ReplicaRole> replicas = new ArrayList<>();
            for (String name : List.copyOf(fields.keySet())) {
                if (name.startsWith(ROLE_PREFIX)) {
                    replicas.add(ReplicaRole.decode(name.substring(ROLE_PREFIX.length()), fields.remove(name)));
                }
            }
            ProbeReading reading = new ProbeReading(number(fields, "at_millis"), number(fields, "heap_used_bytes"),
                    number(fields, "heap_used_after_gc_bytes"), number(fields, "heap_max_bytes"),
                    number(fields, "gc_count"), number(fields, "gc_millis"), (int) number(fields, "threads"),
                    number(fields, "open_files"), Double.parseDouble(take(fields, "process_cpu")),
                    number(fields, "uptime_millis"), replicas);
            if (!fields.isEmpty()) {
                throw new IllegalArgumentException("probe reading has unknown field " + fields.keySet().iterator().next());
            }
            return reading;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("probe reading has a malformed number: " + e.getMessage(), e);
        }
    }

    private static long number(Map<String, String> fields, String name) {
        return Long.parseLong(take(fields, name));
    }

    private static String take(Map<String, String> fields, String name) {
        String value = fields.remove(name);
        if (value == null) {
            throw new IllegalArgumentException("probe reading lacks " + name);
        }
        return value;
    }
}
