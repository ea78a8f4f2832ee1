package dev.gridha.services.dataaccess.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryRulesTest {

    private static Refusal refusalOf(String sql, int maxRows) {
        QueryRefusedException refused = catchThrowableOfType(QueryRefusedException.class,
                () -> QueryRules.check(sql, maxRows));
        assertThat(refused).as("refused: %s", sql).isNotNull();
        return refused.refusal();
    }

    private static Refusal refusalOf(String sql) {
        return refusalOf(sql, 10);
    }

    @Nested
    class Accepted {

        @ParameterizedTest
        @ValueSource(strings = {
            "SELECT * FROM machines",
            "select id, name from machines where cpu_mhz > 2000 order by id",
            "SELECT * FROM machines;",
            "SELECT * FROM machines ;  -- the end\n",
            "  /* leading comment */ SELECT 1",
            "SELECT 'it''s; DROP TABLE machines' AS quoted FROM machines",
            "SELECT \"UPDATE\" FROM audit",
            "SELECT name FROM machines WHERE name LIKE 'node-0%' -- delete later",
            "SELECT COUNT(*), MAX(memory_mb) FROM machines GROUP BY cpu_mhz HAVING COUNT(*) > 1",
            "SELECT a.id FROM machines a JOIN machines b ON a.id = b.id UNION SELECT 1",
            "SELECT REPLACE(name, 'node', 'host') FROM machines",
        })
        void aSingleSelect(String sql) {
            assertThatCode(() -> QueryRules.check(sql, 10)).doesNotThrowAnyException();
        }

        @Test
        void theRowLimitsAtBothEnds() {
            assertThatCode(() -> QueryRules.check("SELECT 1", QueryRules.MIN_ROWS)).doesNotThrowAnyException();
            assertThatCode(() -> QueryRules.check("SELECT 1", QueryRules.MAX_ROWS)).doesNotThrowAnyException();
        }

        @Test
        void textOfExactlyTheCap() {
            String sql = "SELECT 1" + " ".repeat(QueryRules.MAX_QUERY_CHARS - 8);
            assertThat(sql).hasSize(QueryRules.MAX_QUERY_CHARS);
            assertThatCode(() -> QueryRules.check(sql, 1)).doesNotThrowAnyException();
        }
    }

    @Test
    void maxRowsOutsideOneToTenThousandIsRefused() {
        assertThat(refusalOf("SELECT 1", 0)).isEqualTo(Refusal.BAD_MAX_ROWS);
        assertThat(refusalOf("SELECT 1", -5)).isEqualTo(Refusal.BAD_MAX_ROWS);
        assertThat(refusalOf("SELECT 1", 10_001)).isEqualTo(Refusal.BAD_MAX_ROWS);
    }

    @Test
    void textOverTheCapIsRefusedBeforeItIsRead() {
        // unterminated quote too: the size rule wins, the lexer never runs
        String sql = "SELECT '" + "x".repeat(QueryRules.MAX_QUERY_CHARS);
        assertThat(refusalOf(sql)).isEqualTo(Refusal.QUERY_TOO_LONG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n\t", "-- only a comment\n", "/* nothing */", ";"})
    void noStatementIsRefused(String sql) {
        assertThat(refusalOf(sql)).isEqualTo(Refusal.EMPTY_QUERY);
    }

    @Test
    void aNullStatementIsRefusedAsEmpty() {
        assertThat(refusalOf(null)).isEqualTo(Refusal.EMPTY_QUERY);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 1; DROP TABLE machines",
        "SELECT 1;SELECT 2",
        "SELECT 1; -- trailing comment hides nothing\n DELETE FROM machines",
        "SELECT 1;;",
    })
    void textAfterASemicolonIsRefused(String sql) {
        assertThat(refusalOf(sql)).isEqualTo(Refusal.MULTIPLE_STATEMENTS);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "INSERT INTO machines VALUES (101, 'x', 1, 1)",
        "update machines set cpu_mhz = 0",
        "DELETE FROM machines",
        "DROP TABLE machines",
        "CALL 1",
        "WITH t AS (SELECT 1) SELECT * FROM t",
        "(SELECT 1)",
        "SHUTDOWN",
        "'SELECT' FROM machines",
    })
    void aStatementThatDoesNotStartWithSelectIsRefused(String sql) {
        assertThat(refusalOf(sql)).isEqualTo(Refusal.NOT_A_SELECT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM FINAL TABLE (DELETE FROM machines)",
        "SELECT * FROM OLD TABLE (UPDATE machines SET cpu_mhz = 0)",
        "SELECT * FROM NEW TABLE (insert into machines values (1, 'x', 1, 1))",
        "SELECT * INTO copy FROM machines",
        "SELECT * FROM machines INTO OUTFILE '/tmp/x'",
        "SELECT * FROM machines FOR UPDATE",
        "SELECT FILE_READ('/etc/passwd')",
        "SELECT LOAD_FILE('/etc/passwd')",
        "SELECT * FROM CSVREAD('/etc/passwd')",
        "SELECT 1 /* comment */ UNION SELECT * FROM FINAL TABLE (MERGE INTO t KEY (id) VALUES (1))",
    })
    void aForbiddenWordAnywhereIsRefused(String sql) {
        assertThat(refusalOf(sql)).isEqualTo(Refusal.FORBIDDEN_KEYWORD);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 'unterminated",
        "SELECT \"unterminated",
        "SELECT 1 /* unterminated",
        // read differently by MySQL (backslash escapes the quote) and H2 (it does not): refused, so neither
        // can hide a statement from the other rules inside what the lexer took for a string
        "SELECT 'x\\'' ; DROP TABLE t; '",
        "SELECT 'a\\' ; DELETE FROM machines; --'",
        "SELECT `it's` ; DELETE FROM t; -- '",
        "SELECT 1 # ' \n ; DELETE FROM t; -- '",
        "SELECT 1 // ' \n; DELETE FROM machines; -- '",
        "SELECT $$ ' $$ ; DELETE FROM machines",
        "SELECT 1 /*! ; DROP TABLE t */",
    })
    void textTheDatabasesCouldReadDifferentlyIsRefused(String sql) {
        assertThat(refusalOf(sql)).isEqualTo(Refusal.MALFORMED_QUERY);
    }

    @Test
    void aDashDashWithoutASpaceIsNotTakenForAComment() {
        // MySQL reads "--x" as two minus signs, so what follows must still be checked
        assertThat(refusalOf("SELECT 1 --; DROP TABLE machines")).isEqualTo(Refusal.MULTIPLE_STATEMENTS);
    }

    @Test
    void aBlockCommentEndsAtTheFirstCloseAsInMysql() {
        // H2 would nest; taking the first */ as the end checks more text, never less
        assertThat(refusalOf("SELECT 1 /* /* */ ; DELETE FROM machines */"))
                .isEqualTo(Refusal.MULTIPLE_STATEMENTS);
    }

    @Test
    void theRefusalNamesWhereTheProblemIs() {
        QueryRefusedException refused = catchThrowableOfType(QueryRefusedException.class,
                () -> QueryRules.check("SELECT * FROM FINAL TABLE (DELETE FROM machines)", 10));
        assertThat(refused.getMessage()).contains("DELETE").contains("character 28");
    }
}
