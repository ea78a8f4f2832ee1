package dev.gridha.launcher.it;

import java.net.URI;

import dev.gridha.launcher.embedded.EmbeddedGrid;
import dev.gridha.launcher.embedded.GridWars;

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
}
