package dev.gridha.launcher.it;

import java.net.URI;

import dev.gridha.launcher.embedded.EmbeddedGrid;
import dev.gridha.launcher.embedded.GridWars;
import dev.gridha.launcher.embedded.Webapp;

/**
 * One embedded Tomcat with both WARs, shared by every integration test class in the JVM: starting Tomcat
 * and two CXF buses costs seconds, and the tests create their own resources, so they do not interfere.
 */
final class SharedGrid {

    private static EmbeddedGrid grid;

    private SharedGrid() {
    }

    static synchronized EmbeddedGrid get() {
        if (grid == null) {
            grid = EmbeddedGrid.start(GridWars.all(), 0);
            Runtime.getRuntime().addShutdownHook(new Thread(grid::close, "gridha-it-tomcat-stop"));
        }
        return grid;
    }

    static URI counterEndpoint() {
        return get().endpoint(GridWars.COUNTER, "/services/counter");
    }

    static URI matchmakerEndpoint() {
        return get().endpoint(GridWars.MATCHMAKER, "/services/matchmaker");
    }

    /** A Counter WAR at {@code path} as replica {@code id} of the failover group {@code group} describes. */
    static Webapp counterReplica(String path, java.util.Map<String, String> group, String id) {
        java.util.Map<String, String> parameters = new java.util.HashMap<>(group);
        parameters.put("gridha.replica.id", id);
        return new Webapp(path, GridWars.all().get(GridWars.COUNTER), parameters);
    }

    /** A webapp's base URI ({@code http://127.0.0.1:port/context}), as fault-tolerant clients name replicas. */
    static URI base(String contextPath) {
        String endpoint = get().endpoint(contextPath, "/x").toString();
        return URI.create(endpoint.substring(0, endpoint.length() - 2));
    }
}
