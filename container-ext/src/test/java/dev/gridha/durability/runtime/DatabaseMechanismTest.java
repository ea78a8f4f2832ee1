package dev.gridha.durability.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gridha.durability.runtime.database.DatabaseConfig;
import dev.gridha.durability.runtime.database.DatabaseRecovery;
import dev.gridha.durability.runtime.database.DatabaseStateContext;
import dev.gridha.durability.runtime.database.DatabaseUnavailableException;
import dev.gridha.durability.runtime.database.NamedSql;
import dev.gridha.durability.runtime.database.StateDatabase;

/** The database mechanism on an in-memory H2 (MySQL mode), through Hibernate, as a service request uses it. */
class DatabaseMechanismTest {

    private StateDatabase database;
    private final ActionScope actions = new ActionScope(action -> { });

    @BeforeEach
    void createTable() {
        database = new StateDatabase(DatabaseConfig.h2InMemory("t" + UUID.randomUUID().toString().replace("-", "")));
        database.runInTransaction(List.of(
                new NamedSql("CREATE TABLE IF NOT EXISTS c (k VARCHAR(64) PRIMARY KEY, v INT NOT NULL)"),
                new NamedSql("INSERT INTO c VALUES ('k1', 10)")));
    }

    @AfterEach
    void close() {
        database.close();
    }

    private TestCounter.Proxy counter(String sql) {
        return new TestCounter.Proxy(new DatabaseStateContext(actions, database, "counter", "k1",
                Map.of("setValue(int)", List.of(new NamedSql(sql))), new SerializingCheckpointer()), 10);
    }

    @Test
    void aCommittedUpdateIsInTheDatabase() {
        TestCounter.Proxy counter = counter("UPDATE c SET v = :arg0 WHERE k = :key");
        Action action = actions.start("r1");
        counter.setValue(11);
        actions.commit(action);

        assertThat(rows()).containsEntry("k1", 11);
    }

    @Test
    void anAbortedUpdateLeavesNeitherTheDatabaseNorTheObjectChanged() {
        TestCounter.Proxy counter = counter("UPDATE c SET v = :arg0 WHERE k = :key");
        Action action = actions.start("r2");
        counter.setValue(99);
        actions.abort(action);

        assertThat(rows()).containsEntry("k1", 10);
        assertThat(counter.getValue()).isEqualTo(10);
    }

    @Test
    void aReplicationFailureRollsBackTheDatabaseAndRestoresTheObject() {
        ActionScope failingReplication = new ActionScope(action -> {
            throw new IllegalStateException("backup did not acknowledge");
        });
        TestCounter.Proxy counter = new TestCounter.Proxy(new DatabaseStateContext(failingReplication, database,
                "counter", "k1", Map.of("setValue(int)", List.of(new NamedSql("UPDATE c SET v = :arg0 WHERE k = :key"))),
                new SerializingCheckpointer()), 10);
        Action action = failingReplication.start("r3");
        counter.setValue(12);

        assertThatThrownBy(() -> failingReplication.commit(action)).hasMessageContaining("did not acknowledge");
        // replication is asked first, so the database transaction was still open and is rolled back
        assertThat(rows()).containsEntry("k1", 10);
        assertThat(counter.getValue()).isEqualTo(10);
    }

    @Test
    void aStatementTheDatabaseRefusesFailsTheUpdateClearly() {
        TestCounter.Proxy counter = counter("UPDATE no_such_table SET v = :arg0 WHERE k = :key");
        Action action = actions.start("r4");
        counter.setValue(5);
        // statements run at commit, so the refusal comes there and undoes the action
        assertThatThrownBy(() -> actions.commit(action)).isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("statement failed").hasMessageContaining("no_such_table");
        assertThat(counter.getValue()).isEqualTo(10);
        assertThat(rows()).containsEntry("k1", 10);
    }

    @Test
    void accessorParametersBindAComponentOfAnArgument() {
        database.runInTransaction(List.of(new NamedSql("CREATE TABLE usage_t (client VARCHAR(64), cpu BIGINT)")));
        record Resources(int cpuMhz) {
        }
        Action action = actions.start("r5");
        new DatabaseStateContext(actions, database, "accounts", null,
                Map.of("charge(String,Resources,long)", List.of(new NamedSql(
                        "INSERT INTO usage_t VALUES (:arg0, :arg1.cpuMhz * :arg2)"))), Checkpointer.NONE)
                .updated(new TestCounter.Proxy(ReconstructedStateContext.INSTANCE, 0), "charge(String,Resources,long)",
                        new Object[] {"alice", new Resources(2000), 30L});
        actions.commit(action);

        Map<String, Long> usage = new HashMap<>();
        database.query("SELECT client, cpu FROM usage_t", row -> usage.put(row.getString("client"), row.getLong("cpu")));
        assertThat(usage).containsEntry("alice", 60_000L);
    }

    @Test
    void recoveryRebuildsKeyedObjectsFromTheirRowsWithoutWritingThem() {
        database.runInTransaction(List.of(new NamedSql("INSERT INTO c VALUES ('k2', 7)")));
        Map<String, TestCounter.Proxy> rebuilt = new HashMap<>();
        StateContext refusing = new StateContext() {
            @Override
            public void beforeUpdate(DurableState object) {
                throw new AssertionError("recovery must not go through the context");
            }

            @Override
            public void updated(DurableState object, String update, Object[] arguments) {
                throw new AssertionError("recovery must not write");
            }
        };

        int replayed = new DatabaseRecovery("SELECT k, v FROM c", Optional.of("k"), "setValue(int)", List.of("v"))
                .recover(database, key -> rebuilt.computeIfAbsent(key, k -> new TestCounter.Proxy(refusing, 0)));

        assertThat(replayed).isEqualTo(2);
        assertThat(rebuilt.get("k1").getValue()).isEqualTo(10);
        assertThat(rebuilt.get("k2").getValue()).isEqualTo(7);
    }

    @Test
    void quotedTextIsNotAParameter() {
        NamedSql sql = new NamedSql("UPDATE c SET k = ':arg0' WHERE v = :arg0 AND k = :key");
        assertThat(sql.sql()).isEqualTo("UPDATE c SET k = ':arg0' WHERE v = :arg0 AND k = :key");
        assertThat(sql.bind("k1", new Object[] {3})).containsExactly(Map.entry("arg0", 3), Map.entry("key", "k1"));
    }

    private Map<String, Integer> rows() {
        Map<String, Integer> rows = new HashMap<>();
        database.query("SELECT k, v FROM c", row -> rows.put(row.getString("k"), row.getInt("v")));
        return rows;
    }
}
