package dev.gridha.container.wsrf;

/** The namespaces of WS-ResourceLifetime 1.2 and WS-Addressing 1.0 that the framework writes itself. */
public final class Wsrf {

    public static final String RL_NS = "http://docs.oasis-open.org/wsrf/rl-2";
    public static final String WSA_NS = "http://www.w3.org/2005/08/addressing";

    private Wsrf() {
    }
}
