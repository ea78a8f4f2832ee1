package dev.gridha.services.dataaccess.query;

/** One row of a {@link QueryResult}: a value per column, in column order. */
public class ResultRow {

    private String[] values = new String[0];

    public ResultRow() {
    }

    public ResultRow(String[] values) {
        this.values = values;
    }

    public String[] getValues() {
        return values;
    }

    public void setValues(String[] values) {
        this.values = values;
    }
}
