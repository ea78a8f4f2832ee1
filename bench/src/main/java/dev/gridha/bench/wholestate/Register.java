package dev.gridha.bench.wholestate;

import jakarta.jws.WebService;

/** The benchmark's service contract: one update that returns the new version of a state of fixed size. */
@WebService(targetNamespace = "urn:gridha:bench:register")
public interface Register {

    /** Writes {@code value} into the state and returns how many updates it has seen. */
    long write(int value);
}
