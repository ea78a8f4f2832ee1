package dev.gridha.services.dataaccess.query;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Runs one checked SELECT on a read-only connection with a query timeout and a row cap, and turns what the
 * database says into a {@link QueryRefusedException} a client can act on. Callers check the request with
 * {@link QueryRules} first.
 */
public final class QueryRunner {

    /** A statement running longer is cancelled by the driver, so one slow query cannot hold a connection. */
    public static final int QUERY_TIMEOUT_SECONDS = 10;

    /** The database's own message is passed on (it names the missing table), cut to this length. */
    private static final int MAX_MESSAGE_CHARS = 400;

    private final DataSource dataSource;

    /** @param dataSource a pool whose connections are read-only */
    public QueryRunner(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public QueryResult run(String sql, int maxRows) throws QueryRefusedException {
        try (Connection connection = dataSource.getConnection()) {
            // the pool hands out read-only connections already; set again so a misconfigured pool cannot
            // make this the one place that writes
            connection.setReadOnly(true);
            try (Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                // one more than asked: that row tells a full page from a truncated one
                statement.setMaxRows(maxRows + 1);
                statement.setFetchSize(Math.min(maxRows + 1, 500));
                try (ResultSet resultSet = statement.executeQuery(sql)) {
                    return read(resultSet, maxRows);
                }
            }
        } catch (SQLException e) {
            throw classify(e);
        }
    }

    private static QueryResult read(ResultSet resultSet, int maxRows) throws SQLException {
        ResultSetMetaData meta = resultSet.getMetaData();
        String[] columns = new String[meta.getColumnCount()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = meta.getColumnLabel(i + 1);
        }
        List<ResultRow> rows = new ArrayList<>();
        boolean truncated = false;
        while (resultSet.next()) {
            if (rows.size() == maxRows) {
                truncated = true;
                break;
            }
            String[] values = new String[columns.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = resultSet.getString(i + 1);
            }
            rows.add(new ResultRow(values));
        }
        return new QueryResult(columns, rows.toArray(new ResultRow[0]), truncated);
    }

    static QueryRefusedException classify(SQLException e) {
        if (e instanceof SQLTimeoutException) {
            return new QueryRefusedException(Refusal.QUERY_TIMEOUT,
                    "the query ran longer than " + QUERY_TIMEOUT_SECONDS + " s and was cancelled", e);
        }
        String state = e.getSQLState();
        if (e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                || state != null && state.startsWith("08")) {
            return new QueryRefusedException(Refusal.DATABASE_UNAVAILABLE,
                    "the database cannot be reached now; try again later (" + shorten(e.getMessage()) + ")", e);
        }
        return new QueryRefusedException(Refusal.SQL_ERROR,
                "the database refused the query: " + shorten(e.getMessage()), e);
    }

    private static String shorten(String message) {
        if (message == null) {
            return "no message";
        }
        return message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
}
