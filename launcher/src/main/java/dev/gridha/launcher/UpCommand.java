package dev.gridha.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.gridha.launcher.embedded.EmbeddedGrid;
import dev.gridha.launcher.embedded.GridWars;
import dev.gridha.launcher.embedded.StateDatabaseOptions;
import dev.gridha.launcher.embedded.Webapp;

/** {@code ./gridha up}: the services in embedded Tomcat until interrupted. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Run Counter and Matchmaker in embedded Tomcat until Ctrl-C; prints their WSDL URLs.")
final class UpCommand implements Callable<Integer> {

    @Option(names = "--port", description = "HTTP port (default: ${DEFAULT-VALUE})", defaultValue = "8080")
    int port;

    @Mixin
    StateDatabaseOptions database;

    @Override
    public Integer call() throws InterruptedException {
        List<Webapp> webapps = new ArrayList<>();
        GridWars.all().forEach((path, war) -> webapps.add(new Webapp(path, war, database.parameters(path))));
        EmbeddedGrid grid = EmbeddedGrid.start(webapps, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            grid.close();
            stopped.countDown();
        }, "gridha-up-stop"));
        new TextTable("service", "WSDL")
                .row("Counter", grid.endpoint(GridWars.COUNTER, "/services/counter") + "?wsdl")
                .row("Matchmaker", grid.endpoint(GridWars.MATCHMAKER, "/services/matchmaker") + "?wsdl")
                .print(System.out);
        System.out.println("gridha up: serving on 127.0.0.1:" + grid.port() + "; Ctrl-C stops.");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
