package dev.gridha.durability.runtime.database;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.gridha.durability.runtime.DurableState;

/**
 * Rebuilds database-backed state objects after a failure (thesis Fig. IV.5): runs the mapping's recovery
 * query and, for each row, replays the mapped update on the object the row belongs to. Replay bypasses the
 * proxy's context, so recovery never writes the rows it reads.
 */
public final class DatabaseRecovery {

    private final String query;
    private final Optional<String> keyColumn;
    private final String update;
    private final List<String> columns;
    private final List<String> parameterTypes;

    /**
     * @param update  the update id the rows are replayed through, such as {@code setValue(int)}
     * @param columns the columns passed as its arguments, in order
     */
    public DatabaseRecovery(String query, Optional<String> keyColumn, String update, List<String> columns) {
        this.query = query;
        this.keyColumn = keyColumn;
        this.update = update;
        this.columns = List.copyOf(columns);
        String inside = update.substring(update.indexOf('(') + 1, update.lastIndexOf(')'));
        this.parameterTypes = inside.isBlank() ? List.of() : List.of(inside.split(","));
        if (parameterTypes.size() != columns.size()) {
            throw new IllegalArgumentException(update + " takes " + parameterTypes.size() + " arguments, recovery"
                    + " gives " + columns.size() + " columns");
        }
    }

    /**
     * @param objectFor the object a row belongs to, by its key (null for a singleton object); for keyed
     *                  objects this creates the object through the state factory
     * @return how many rows were replayed
     */
    public int recover(StateDatabase database, Function<String, DurableState> objectFor) {
        int[] rows = {0};
        database.query(query, row -> {
            String key = keyColumn.isPresent() ? row.getString(keyColumn.get()) : null;
            Object[] arguments = new Object[columns.size()];
            for (int i = 0; i < columns.size(); i++) {
                arguments[i] = convert(row.getObject(columns.get(i)), parameterTypes.get(i));
            }
            objectFor.apply(key).replay(update, arguments);
            rows[0]++;
        });
        return rows[0];
    }

    /** A column value as the update's parameter type wants it (INT columns may come back as Long, etc.). */
    static Object convert(Object value, String type) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case "int", "Integer" -> ((Number) value).intValue();
            case "long", "Long" -> ((Number) value).longValue();
            case "short", "Short" -> ((Number) value).shortValue();
            case "byte", "Byte" -> ((Number) value).byteValue();
            case "double", "Double" -> ((Number) value).doubleValue();
            case "float", "Float" -> ((Number) value).floatValue();
            case "boolean", "Boolean" -> value instanceof Boolean b ? b : ((Number) value).intValue() != 0;
            case "String" -> String.valueOf(value);
            case "BigDecimal" -> value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
            default -> value;
        };
    }
}
