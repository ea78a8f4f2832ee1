package dev.gridha.services.dataaccess.query;

/**
 * Why a query request was refused, with the stable code a client reads from the fault (its reason begins
 * with {@code [code]} and its detail carries the code alone) and whose side the fault is on.
 */
public enum Refusal {
    BAD_MAX_ROWS("dataaccess.bad-max-rows", Side.CLIENT),
    EMPTY_QUERY("dataaccess.empty-query", Side.CLIENT),
    QUERY_TOO_LONG("dataaccess.query-too-long", Side.CLIENT),
    MALFORMED_QUERY("dataaccess.malformed-query", Side.CLIENT),
    MULTIPLE_STATEMENTS("dataaccess.multiple-statements", Side.CLIENT),
    NOT_A_SELECT("dataaccess.not-a-select", Side.CLIENT),
    FORBIDDEN_KEYWORD("dataaccess.forbidden-keyword", Side.CLIENT),
    /** the database refused the statement (unknown table, syntax, no privilege) */
    SQL_ERROR("dataaccess.sql-error", Side.CLIENT),
    /** the statement ran longer than the query timeout and was cancelled */
    QUERY_TIMEOUT("dataaccess.query-timeout", Side.CLIENT),
    /** no connection could be had: the database is down or the pool is exhausted; worth retrying */
    DATABASE_UNAVAILABLE("dataaccess.database-unavailable", Side.SERVER);

    /** SOAP's two fault sides: the request is at fault (Client/Sender) or the service (Server/Receiver). */
    public enum Side { CLIENT, SERVER }

    private final String code;
    private final Side side;

    Refusal(String code, Side side) {
        this.code = code;
        this.side = side;
    }

    public String code() {
        return code;
    }

    public Side side() {
        return side;
    }
}
