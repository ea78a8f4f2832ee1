package dev.gridha.services.matchmaker;

import java.io.Serializable;
import java.util.List;

/** What a machine advertised: its resources and where jobs reach it. */
public record Machine(String id, Resources resources, String address, List<String> capabilities)
        implements Serializable {

    public Machine {
        capabilities = List.copyOf(capabilities);
    }
}
