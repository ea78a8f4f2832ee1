package dev.gridha.launcher;

import java.time.Duration;

import picocli.CommandLine.Option;

/** The options every benchmark of a managed group shares: its clients' number and the manager's probe period. */
final class ManagedLoadOptions {

    @Option(names = "--clients", description = "clients querying back to back (default ${DEFAULT-VALUE})",
            defaultValue = "4")
    int clients;

    @Option(names = "--probe-period-ms", paramLabel = "MS", defaultValue = "5000",
            description = "how often the manager probes each container (default ${DEFAULT-VALUE}, the seed's)")
    long probePeriodMillis;

    /** @throws IllegalArgumentException with one line when a value is out of range */
    void check() {
        if (clients < 1 || clients > 64 || probePeriodMillis < 100) {
            throw new IllegalArgumentException("--clients 1..64 and --probe-period-ms >= 100");
        }
    }

    Duration probePeriod() {
        return Duration.ofMillis(probePeriodMillis);
    }
}
