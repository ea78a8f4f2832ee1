package dev.gridha.bench.rejuvenation;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The rejuvenation benchmark's runs as Markdown, beside the seed's Table 6. */
public final class RejuvenationReport {

    /** Seed Table 6: one intervention at t = 300 s of a 600 s run: failed requests, downtime (s). */
    private static final Map<String, String> SEED = Map.of(
            "rejuvenation", "0 / 0 s",
            "rejuvenation, backup takes over", "- (not in the seed: its standby held no state)",
            "service restart", "70 / 25.5 s",
            "VM reboot", "758 / 92.5 s");

    private RejuvenationReport() {
    }

    public static String markdown(List<RejuvenationBenchmark.Run> runs, int clients, long beforeSeconds,
                                  long afterSeconds) {
        StringBuilder markdown = new StringBuilder(String.format(Locale.ROOT, "%d clients querying the data service"
                + " back to back; the intervention %d s into the run, %d s of load after it.%n%n", clients,
                beforeSeconds, afterSeconds));
        markdown.append("| intervention | seed Table 6 (failed / downtime) | failed queries | downtime at an"
                + " intervention (s) | downtime anywhere (s) | answered | throughput (queries/s) | intervention took (s)"
                + " |\n|---|---|---|---|---|---|---|---|\n");
        for (RejuvenationBenchmark.Run run : runs) {
            markdown.append(String.format(Locale.ROOT, "| %s | %s | %,d | %.2f | %.2f | %,d | %.1f | %.1f |%n",
                    run.name(), SEED.getOrDefault(run.name().replaceFirst(" x\\d+$", ""), "-"), run.failed(),
                    run.atInterventionSeconds(), run.downtimeSeconds(), run.answered(), run.throughput(),
                    run.interventionSeconds()));
        }
        markdown.append("\nDowntime is the longest time no client got an answer: at an intervention, the longest"
                + " such gap that overlaps one; anywhere, over the whole run (the gaps between answers under normal"
                + " load are a few milliseconds; a longer one away from the interventions is the machine's). A"
                + " rejuvenation switches new queries to the standby, lets the old container finish, and restarts it."
                + " When the backup takes over, the two containers are the primary and backup of the Counter and"
                + " Matchmaker groups: the old one is drained while new queries wait at the balancer, stopped so its"
                + " groups promote the backup, which then serves. A service restart restarts the serving container in"
                + " place, as a liveness-probe restart does, while the balancer still sends to it.\n");
        return markdown.toString();
    }
}
