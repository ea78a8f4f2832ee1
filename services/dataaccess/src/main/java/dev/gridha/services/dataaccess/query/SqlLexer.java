package dev.gridha.services.dataaccess.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into the tokens {@link QueryRules} judges: words, quoted text, semicolons and other
 * symbols, with comments dropped.
 *
 * <p>The lexer must agree with every database the service may run on about where quoted text and comments
 * begin and end; otherwise a statement hidden inside what it takes for a string would never be checked. So
 * it knows only the quoting H2 and MySQL/MariaDB read the same way ({@code '...'} and {@code "..."} with
 * doubled quotes, {@code /* ... *}{@code /} not nested, {@code -- } followed by white space) and refuses
 * what they read differently: backslashes (an escape in MySQL strings, not in H2), backticks, {@code #}
 * and {@code //} comments, {@code $$} strings and MySQL's executable {@code /*!} comments. Refusing a rare
 * harmless query is the price of never missing a harmful one.
 */
final class SqlLexer {

    enum Kind { WORD, QUOTED, SEMICOLON, SYMBOL }

    /** One token; {@code text} is upper-cased for words, as written otherwise. */
    record Token(Kind kind, String text, int offset) {
    }

    private final String sql;
    private int position;

    private SqlLexer(String sql) {
        this.sql = sql;
    }

    /**
     * The tokens of {@code sql}, comments left out.
     *
     * @throws QueryRefusedException {@link Refusal#MALFORMED_QUERY} for unterminated quotes or comments and
     *     for the constructs the databases read differently
     */
    static List<Token> tokens(String sql) throws QueryRefusedException {
        return new SqlLexer(sql).run();
    }

    private List<Token> run() throws QueryRefusedException {
        List<Token> tokens = new ArrayList<>();
        while (position < sql.length()) {
            char c = sql.charAt(position);
            if (Character.isWhitespace(c)) {
                position++;
            } else if (startsWith("--") && (position + 2 == sql.length() || Character.isWhitespace(sql.charAt(position + 2)))) {
                skipLineComment();
            } else if (startsWith("/*!")) {
                throw malformed("executable comment /*! is not accepted");
            } else if (startsWith("/*")) {
                skipBlockComment();
            } else if (startsWith("//")) {
                throw malformed("// comments are not accepted (use -- )");
            } else if (startsWith("$$")) {
                throw malformed("$$ quoted strings are not accepted (use '...')");
            } else if (c == '\\' || c == '`' || c == '#') {
                throw malformed("the character " + c + " is not accepted outside quotes");
            } else if (c == '\'' || c == '"') {
                tokens.add(quoted(c));
            } else if (c == ';') {
                tokens.add(new Token(Kind.SEMICOLON, ";", position++));
            } else if (isWordPart(c)) {
                tokens.add(word());
            } else {
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), position++));
            }
        }
        return tokens;
    }

    private boolean startsWith(String prefix) {
        return sql.startsWith(prefix, position);
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private Token word() {
        int start = position;
        while (position < sql.length() && isWordPart(sql.charAt(position))) {
            position++;
        }
        return new Token(Kind.WORD, sql.substring(start, position).toUpperCase(java.util.Locale.ROOT), start);
    }

    /** {@code '...'} or {@code "..."}; a doubled quote stands for itself in both databases. */
    private Token quoted(char quote) throws QueryRefusedException {
        int start = position++;
        while (position < sql.length()) {
            char c = sql.charAt(position);
            if (c == '\\') {
                throw malformed("backslash inside quotes is not accepted (MySQL and H2 read it differently)");
            }
            if (c == quote) {
                if (position + 1 < sql.length() && sql.charAt(position + 1) == quote) {
                    position += 2;
                    continue;
                }
                position++;
                return new Token(Kind.QUOTED, sql.substring(start, position), start);
            }
            position++;
        }
        position = start;
        throw malformed("unterminated " + quote + " quote");
    }

    private void skipLineComment() {
        int end = sql.indexOf('\n', position);
        position = end < 0 ? sql.length() : end + 1;
    }

    private void skipBlockComment() throws QueryRefusedException {
        // not nested: MySQL ends the comment at the first */, so what follows it is checked as SQL
        int end = sql.indexOf("*/", position + 2);
        if (end < 0) {
            throw malformed("unterminated /* comment");
        }
        position = end + 2;
    }

    private QueryRefusedException malformed(String why) {
        return new QueryRefusedException(Refusal.MALFORMED_QUERY, why + " (at character " + (position + 1) + ")");
    }
}
