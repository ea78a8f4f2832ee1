package dev.gridha.manager.probe;

import dev.gridha.probe.ProbeReading;

/** Reads one container's state ({@link ProbeClient} over the network to its agent). */
@FunctionalInterface
public interface Probe {

    ProbeReading read() throws ProbeException, InterruptedException;
}
