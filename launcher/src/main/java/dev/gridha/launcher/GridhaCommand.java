package dev.gridha.launcher;

import org.slf4j.bridge.SLF4JBridgeHandler;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./gridha} command line. The script handles {@code test} and {@code build} (they need Maven);
 * everything that runs services is here.
 */
@Command(name = "gridha", mixinStandardHelpOptions = true, version = "gridha 0.1.0",
        description = "Fault-tolerant stateful WSRF grid services on CXF in Tomcat.",
        subcommands = {DemoCommand.class, UpCommand.class, BenchCommand.class})
public final class GridhaCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // One logging setup for the launcher and the WARs it runs (their own logback.xml is for a
        // standalone Tomcat); set before the first logger exists.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "gridha-logback.xml");
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        CommandLine commandLine = new CommandLine(new GridhaCommand());
        commandLine.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("gridha: " + ex.getMessage());
            return 1;
        });
        System.exit(commandLine.execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: demo, up or bench");
    }
}
