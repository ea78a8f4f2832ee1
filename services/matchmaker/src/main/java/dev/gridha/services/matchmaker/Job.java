package dev.gridha.services.matchmaker;

import java.io.Serializable;

/** A job running on a machine, as the queue remembers it until the job completes. */
public record Job(String id, String clientId, Resources needs, int priority, String machineId)
        implements Serializable {
}
