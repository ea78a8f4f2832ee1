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
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with gridha's error handling: a mistake in the arguments is one line naming it and
     * where help is (exit 2); a failure while running is one line with its cause (exit 1).
     */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new GridhaCommand());
        commandLine.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("gridha: " + ex.getMessage() + " (see: ./gridha "
                    + qualifiedName(cmd) + " --help)");
            return 2;
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("gridha: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (Boolean.getBoolean("gridha.stacktrace")) {
                ex.printStackTrace(cmd.getErr()); // GRIDHA_JAVA_OPTS=-Dgridha.stacktrace=true, for a bug report
            }
            return 1;
        });
        return commandLine;
    }

    private static String qualifiedName(CommandLine cmd) {
        String name = cmd.getCommandSpec().qualifiedName(" ");
        return name.startsWith("gridha ") ? name.substring("gridha ".length()) : "";
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: demo, up or bench");
    }
}
