package dev.gridha.durability.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.gridha.durability.runtime.database.DatabaseConfig;
import dev.gridha.durability.runtime.database.DatabaseStateContext;
import dev.gridha.durability.runtime.database.DatabaseUnavailableException;
import dev.gridha.durability.runtime.database.NamedSql;
import dev.gridha.durability.runtime.database.StateDatabase;

/**
 * The database mechanism on the real MariaDB of this machine kind (127.0.0.1:3306, root, empty password,
 * database test) over MySQL Connector/J. Skips, saying why, where no MariaDB answers.
 */
class MariaDbMechanismIT {

    private static final String TABLE = "gridha_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static StateDatabase database;
    private final ActionScope actions = new ActionScope(action -> { });

    @BeforeAll
    static void connect() {
        String unreachable = null;
        try {
            database = new StateDatabase(DatabaseConfig.mariadb("127.0.0.1", 3306, "test", "root", ""));
            database.runInTransaction(List.of(new NamedSql("CREATE TABLE " + TABLE
                    + " (k VARCHAR(64) PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB")));
        } catch (DatabaseUnavailableException e) {
            unreachable = e.getMessage();
        }
        String why = unreachable;
        assumeTrue(why == null, () -> "MariaDB at 127.0.0.1:3306 (user root, database test) is not reachable,"
                + " so the MariaDB tests are skipped: " + why);
    }

    @AfterAll
    static void dropTable() {
        if (database != null) {
            database.runInTransaction(List.of(new NamedSql("DROP TABLE IF EXISTS " + TABLE)));
            database.close();
        }
    }

    @Test
    void createdAndUpdatedRowsAreCommittedAndAbortedOnesAreNot() {
        DatabaseStateContext context = new DatabaseStateContext(actions, database, "counter", "mk1",
                Map.of("setValue(int)", List.of(new NamedSql("UPDATE " + TABLE + " SET v = :arg0 WHERE k = :key"))),
                new SerializingCheckpointer());
        TestCounter.Proxy counter = new TestCounter.Proxy(context, 1);

        Action create = actions.start("m1");
        context.run(List.of(new NamedSql("INSERT INTO " + TABLE + " VALUES (:key, :arg0)")), new Object[] {1});
        counter.setValue(2);
        actions.commit(create);

        Action aborted = actions.start("m2");
        counter.setValue(50);
        actions.abort(aborted);

        assertThat(rows()).containsEntry("mk1", 2);
        assertThat(counter.getValue()).isEqualTo(2);
    }

    @Test
    void anUnreachableDatabaseIsAClearError() {
        assertThatThrownBy(() -> new StateDatabase(DatabaseConfig.mariadb("127.0.0.1", 1, "test", "root", "")))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("cannot reach the state database jdbc:mysql://127.0.0.1:1/test");
    }

    private Map<String, Integer> rows() {
        Map<String, Integer> rows = new HashMap<>();
        database.query("SELECT k, v FROM " + TABLE, row -> rows.put(row.getString("k"), row.getInt("v")));
        return rows;
    }
}
