package dev.gridha.container.wsrf;

/** The namespaces of the OASIS WSRF 1.2 specifications and of WS-Addressing 1.0. */
public final class Wsrf {

    public static final String BF_NS = "http://docs.oasis-open.org/wsrf/bf-2";
    public static final String R_NS = "http://docs.oasis-open.org/wsrf/r-2";
    public static final String RP_NS = "http://docs.oasis-open.org/wsrf/rp-2";
    public static final String RL_NS = "http://docs.oasis-open.org/wsrf/rl-2";
    public static final String WSA_NS = "http://www.w3.org/2005/08/addressing";

    private Wsrf() {
    }
}
