package dev.gridha.durability.runtime.database;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of a mapping's SQL statements, ready for Hibernate's native queries: {@code :key} and {@code :argN}
 * stay named parameters, and {@code :argN.name} becomes {@code :argN_name}, bound to the value of the
 * argument's accessor {@code name()} or {@code getName()}. The durability compiler has already checked that
 * every parameter fits the method; this class only binds.
 */
public final class NamedSql {

    private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):(key|arg(\\d{1,3}))(?:\\.([A-Za-z_]\\w*))?");

    private record Binding(String name, int argument, String accessor) {
    }

    private final String sql;
    private final List<Binding> bindings;

    public NamedSql(String mappingSql) {
        StringBuilder rewritten = new StringBuilder();
        List<Binding> found = new ArrayList<>();
        Matcher matcher = PARAMETER.matcher(mappingSql);
        int last = 0;
        while (matcher.find()) {
            if (insideQuotes(mappingSql, matcher.start())) {
                continue;
            }
            String name = matcher.group(3) == null ? matcher.group(1) : matcher.group(1) + "_" + matcher.group(3);
            int argument = matcher.group(2) == null ? -1 : Integer.parseInt(matcher.group(2));
            found.add(new Binding(name, argument, matcher.group(3)));
            rewritten.append(mappingSql, last, matcher.start()).append(':').append(name);
            last = matcher.end();
        }
        rewritten.append(mappingSql.substring(last));
        this.sql = rewritten.toString();
        this.bindings = List.copyOf(found);
    }

    /** The statement with Hibernate-style named parameters. */
    public String sql() {
        return sql;
    }

    /** Parameter values for one call: {@code key} and the method's arguments. */
    public Map<String, Object> bind(String key, Object[] arguments) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Binding binding : bindings) {
            if (binding.argument() < 0) {
                values.put(binding.name(), key);
            } else {
                Object argument = arguments[binding.argument()];
                values.put(binding.name(), binding.accessor() == null ? argument : access(argument, binding.accessor()));
            }
        }
        return values;
    }

    private static Object access(Object target, String accessor) {
        String getter = "get" + Character.toUpperCase(accessor.charAt(0)) + accessor.substring(1);
        for (String name : new String[] {accessor, getter}) {
            try {
                Method method = target.getClass().getMethod(name);
                // a public accessor of a non-public class (a nested record) needs this to be callable
                method.trySetAccessible();
                return method.invoke(target);
            } catch (NoSuchMethodException e) {
                // try the other spelling
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("reading " + accessor + " of " + target.getClass().getName()
                        + " failed", e);
            }
        }
        throw new IllegalStateException(target.getClass().getName() + " has no accessor " + accessor);
    }

    private static boolean insideQuotes(String sql, int position) {
        int quotes = 0;
        for (int i = 0; i < position; i++) {
            if (sql.charAt(i) == '\'') {
                quotes++;
            }
        }
        return quotes % 2 == 1;
    }
}
