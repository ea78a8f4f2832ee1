package dev.gridha.durability.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.gridha.durability.runtime.database.DatabaseConfig;
import dev.gridha.durability.runtime.database.DatabaseUnavailableException;
import dev.gridha.durability.runtime.database.StateDatabase;
import dev.gridha.durability.runtime.deployment.DeploymentConfig;
import dev.gridha.durability.runtime.deployment.DurableDeployment;

/**
 * The database mechanism when its real MariaDB server is killed under a running deployment: requests fail
 * with a clear error and change nothing, and service resumes by itself when the server is back.
 */
class MariaDbOutageIT {

    @Test
    void aKilledMariaDbFailsRequestsCleanlyAndServiceResumesWhenItIsBack() throws Exception {
        Assumptions.assumeTrue(PrivateMariaDb.installed(), "skipped: no MariaDB server binaries at "
                + PrivateMariaDb.SERVER + " and " + PrivateMariaDb.INSTALL + " (Debian package mariadb-server)");
        try (PrivateMariaDb mariadb = PrivateMariaDb.start()) {
            DatabaseConfig database = mariadb.config("outage");
            try (DurableDeployment deployment = DurableDeployment.start(DeployedTestService.DURABILITY,
                    DeploymentConfig.standalone("counters", database), List.of("dev.gridha.durability.runtime"),
                    () -> null)) {
                DeployedTestService service = new DeployedTestService(deployment);
                deployment.bind(service, DurableDeployment.NO_KEYED_OBJECTS);
                service.create("a", 1);
                service.add("a", 1);

                mariadb.kill();
                long began = System.nanoTime();
                assertThatThrownBy(() -> service.add("a", 5)).isInstanceOf(DatabaseUnavailableException.class);
                assertThat((System.nanoTime() - began) / 1_000_000).as("a request does not hang on a dead database")
                        .isLessThan(10_000);
                assertThat(service.counters.get("a").getValue()).isEqualTo(2);
                assertThat(service.total().getValue()).isEqualTo(1);

                mariadb.startServer();
                assertThat(service.add("a", 5)).isEqualTo(7);
            }
            try (StateDatabase check = new StateDatabase(database)) {
                Map<String, Integer> rows = new java.util.HashMap<>();
                check.query("SELECT k, v FROM dc", row -> rows.put(row.getString("k"), row.getInt("v")));
                assertThat(rows).containsExactly(Map.entry("a", 7));
            }
        }
    }
}
