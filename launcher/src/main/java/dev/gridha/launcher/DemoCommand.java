package dev.gridha.launcher;

import java.io.PrintStream;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.gridha.launcher.demo.DemoScenario;
import dev.gridha.launcher.embedded.EmbeddedGrid;
import dev.gridha.launcher.embedded.GridWars;

/** {@code ./gridha demo}: both services in embedded Tomcat, an end-to-end scenario, a report, exit 0. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run Counter and Matchmaker in embedded Tomcat and drive them end to end.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--port", description = "HTTP port (default: a free one)", defaultValue = "0")
    int port;

    @Option(names = "--adds", description = "adds per counter (default: ${DEFAULT-VALUE})", defaultValue = "500")
    int adds;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        // The demo provokes refused requests on purpose (database faults, a request to a backup) and prints
        // each one; CXF would also log every such fault with its stack trace.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                "org.apache.cxf.phase.PhaseInterceptorChain")).setLevel(ch.qos.logback.classic.Level.ERROR);
        out.println("gridha demo: starting embedded Tomcat 10.1 with the service WARs from " + GridWars.folder());
        try (EmbeddedGrid grid = EmbeddedGrid.start(GridWars.all(), port)) {
            new DemoScenario(grid, out, adds).run();
        }
        return 0;
    }
}
