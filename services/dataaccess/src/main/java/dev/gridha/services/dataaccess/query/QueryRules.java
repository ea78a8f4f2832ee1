package dev.gridha.services.dataaccess.query;

import java.util.List;
import java.util.Set;

import dev.gridha.services.dataaccess.query.SqlLexer.Kind;
import dev.gridha.services.dataaccess.query.SqlLexer.Token;

/**
 * Decides whether a query request may run: one read-only SELECT activity, as OGSA-DAI's SQLQuery activity
 * accepted, and a row limit in range. Pure: no database, no state.
 *
 * <p>These rules are the gate; the read-only connection and, for the demo database, a user with nothing but
 * SELECT rights are the second line behind them. Keywords are matched as words outside quotes, so a column
 * that happens to be called {@code update} must be written quoted ({@code "UPDATE"}).
 */
public final class QueryRules {

    /** Longest query text accepted, in characters. */
    public static final int MAX_QUERY_CHARS = 16_384;
    public static final int MIN_ROWS = 1;
    public static final int MAX_ROWS = 10_000;

    /**
     * Words that change data or schema, run code, take locks or reach the file system, refused anywhere in
     * the statement: H2 runs DML inside a SELECT ({@code FROM FINAL TABLE (DELETE ...)}), MySQL writes files
     * with {@code SELECT ... INTO OUTFILE}, and both read files with functions.
     */
    static final Set<String> FORBIDDEN_WORDS = Set.of(
            "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "INTO",
            "CREATE", "DROP", "ALTER", "TRUNCATE", "RENAME", "GRANT", "REVOKE",
            "CALL", "EXEC", "EXECUTE", "COMMIT", "ROLLBACK", "SAVEPOINT", "LOCK", "SHUTDOWN",
            "RUNSCRIPT", "SCRIPT", "BACKUP",
            "LOAD_FILE", "FILE_READ", "FILE_WRITE", "CSVREAD", "CSVWRITE", "LINK_SCHEMA");

    private QueryRules() {
    }

    /**
     * Checks one request.
     *
     * @throws QueryRefusedException with the first rule it breaks, checked in this order: row limit, size,
     *     well-formedness, emptiness, a single statement, starting with SELECT, no forbidden word
     */
    public static void check(String sql, int maxRows) throws QueryRefusedException {
        checkMaxRows(maxRows);
        if (sql != null && sql.length() > MAX_QUERY_CHARS) {
            throw new QueryRefusedException(Refusal.QUERY_TOO_LONG,
                    "the query has " + sql.length() + " characters; at most " + MAX_QUERY_CHARS + " are accepted");
        }
        List<Token> tokens = SqlLexer.tokens(sql == null ? "" : sql);
        if (tokens.isEmpty() || tokens.get(0).kind() == Kind.SEMICOLON && tokens.size() == 1) {
            throw new QueryRefusedException(Refusal.EMPTY_QUERY, "no SQL given; send one SELECT statement");
        }
        checkSingleStatement(tokens);
        checkStartsWithSelect(tokens.get(0));
        checkNoForbiddenWord(tokens);
    }

    static void checkMaxRows(int maxRows) throws QueryRefusedException {
        if (maxRows < MIN_ROWS || maxRows > MAX_ROWS) {
            throw new QueryRefusedException(Refusal.BAD_MAX_ROWS,
                    "maxRows is " + maxRows + "; it must be between " + MIN_ROWS + " and " + MAX_ROWS);
        }
    }

    /** A semicolon may end the statement; anything after one would be a second statement. */
    private static void checkSingleStatement(List<Token> tokens) throws QueryRefusedException {
        for (int i = 0; i < tokens.size() - 1; i++) {
            if (tokens.get(i).kind() == Kind.SEMICOLON) {
                throw new QueryRefusedException(Refusal.MULTIPLE_STATEMENTS, "text follows the ; at character "
                        + (tokens.get(i).offset() + 1) + "; send one statement per request");
            }
        }
    }

    private static void checkStartsWithSelect(Token first) throws QueryRefusedException {
        if (first.kind() != Kind.WORD || !first.text().equals("SELECT")) {
            throw new QueryRefusedException(Refusal.NOT_A_SELECT,
                    "the statement starts with " + first.text() + "; only a SELECT is run");
        }
    }

    private static void checkNoForbiddenWord(List<Token> tokens) throws QueryRefusedException {
        for (Token token : tokens) {
            if (token.kind() == Kind.WORD && FORBIDDEN_WORDS.contains(token.text())) {
                throw new QueryRefusedException(Refusal.FORBIDDEN_KEYWORD, token.text() + " at character "
                        + (token.offset() + 1) + " is not allowed in a read-only query");
            }
        }
    }
}
