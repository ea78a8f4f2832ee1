package dev.gridha.services.dataaccess.query;

/**
 * The rows one query returned, every value as its database string form ({@code null} for SQL NULL), in the
 * spirit of OGSA-DAI's WebRowSet without its schema. A JavaBean because Axis2's POJO binding writes it.
 */
public class QueryResult {

    private String[] columns = new String[0];
    private ResultRow[] rows = new ResultRow[0];
    private boolean truncated;

    public QueryResult() {
    }

    public QueryResult(String[] columns, ResultRow[] rows, boolean truncated) {
        this.columns = columns;
        this.rows = rows;
        this.truncated = truncated;
    }

    /** Column labels, in select-list order. */
    public String[] getColumns() {
        return columns;
    }

    public void setColumns(String[] columns) {
        this.columns = columns;
    }

    public ResultRow[] getRows() {
        return rows;
    }

    public void setRows(ResultRow[] rows) {
        this.rows = rows;
    }

    /** True when the query had more rows than the request's maxRows; the first maxRows were returned. */
    public boolean isTruncated() {
        return truncated;
    }

    public void setTruncated(boolean truncated) {
        this.truncated = truncated;
    }
}
