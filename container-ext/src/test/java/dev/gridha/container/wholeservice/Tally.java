package dev.gridha.container.wholeservice;

import jakarta.jws.WebService;

/** A toy service contract for whole-service replication tests. */
@WebService(targetNamespace = "urn:gridha:test:tally")
public interface Tally {

    /** Adds {@code amount}; a negative amount fails after changing the state (to test undo). */
    int add(int amount);

    int total();
}
