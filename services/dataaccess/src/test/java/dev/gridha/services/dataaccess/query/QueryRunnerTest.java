package dev.gridha.services.dataaccess.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Arrays;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueryRunnerTest {

    private Connection keepAlive;
    private QueryRunner runner;

    @BeforeEach
    void createDatabase() throws SQLException {
        JdbcDataSource source = new JdbcDataSource();
        source.setURL("jdbc:h2:mem:query-runner-test");
        keepAlive = source.getConnection();
        try (Statement statement = keepAlive.createStatement()) {
            statement.execute("CREATE TABLE t (id INT PRIMARY KEY, label VARCHAR(10))");
            statement.execute("INSERT INTO t VALUES (1, 'one'), (2, NULL), (3, 'three')");
        }
        runner = new QueryRunner(source);
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        try (Statement statement = keepAlive.createStatement()) {
            statement.execute("SHUTDOWN");
        }
        keepAlive.close();
    }

    @Test
    void returnsColumnLabelsAndValuesAsStringsWithNullForSqlNull() throws QueryRefusedException {
        QueryResult result = runner.run("SELECT id, label AS name FROM t ORDER BY id", 10);

        assertThat(result.getColumns()).containsExactly("ID", "NAME");
        assertThat(Arrays.stream(result.getRows()).map(row -> Arrays.asList(row.getValues())))
                .containsExactly(Arrays.asList("1", "one"), Arrays.asList("2", null), Arrays.asList("3", "three"));
        assertThat(result.isTruncated()).isFalse();
    }

    @Test
    void stopsAtMaxRowsAndSaysSo() throws QueryRefusedException {
        QueryResult result = runner.run("SELECT id FROM t ORDER BY id", 2);

        assertThat(result.getRows()).hasSize(2);
        assertThat(result.isTruncated()).isTrue();
    }

    @Test
    void exactlyMaxRowsIsNotTruncated() throws QueryRefusedException {
        assertThat(runner.run("SELECT id FROM t", 3).isTruncated()).isFalse();
    }

    @Test
    void anUnknownTableIsAnSqlErrorNamingIt() {
        QueryRefusedException refused = catchThrowableOfType(QueryRefusedException.class,
                () -> runner.run("SELECT * FROM nosuch", 10));
        assertThat(refused.refusal()).isEqualTo(Refusal.SQL_ERROR);
        assertThat(refused.getMessage()).contains("NOSUCH");
    }

    @Test
    void aStatementThatIsNotAQueryIsRefusedByTheDriverAndChangesNothing() throws QueryRefusedException {
        // the second line behind QueryRules: executeQuery runs queries only
        QueryRefusedException refused = catchThrowableOfType(QueryRefusedException.class,
                () -> runner.run("DELETE FROM t", 10));
        assertThat(refused.refusal()).isEqualTo(Refusal.SQL_ERROR);
        assertThat(runner.run("SELECT COUNT(*) FROM t", 1).getRows()[0].getValues()).containsExactly("3");
    }

    @Test
    void aTimeoutIsReportedAsOne() {
        assertThat(QueryRunner.classify(new SQLTimeoutException("cancelled")).refusal())
                .isEqualTo(Refusal.QUERY_TIMEOUT);
    }

    @Test
    void noConnectionIsTheServersSide() {
        QueryRefusedException poolTimeout = QueryRunner.classify(new SQLTransientConnectionException("pool empty"));
        QueryRefusedException refusedConnection = QueryRunner.classify(new SQLException("refused", "08001"));

        assertThat(poolTimeout.refusal()).isEqualTo(Refusal.DATABASE_UNAVAILABLE);
        assertThat(refusedConnection.refusal()).isEqualTo(Refusal.DATABASE_UNAVAILABLE);
        assertThat(Refusal.DATABASE_UNAVAILABLE.side()).isEqualTo(Refusal.Side.SERVER);
    }
}
