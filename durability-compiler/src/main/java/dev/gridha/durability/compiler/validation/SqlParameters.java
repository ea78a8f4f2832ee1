package dev.gridha.durability.compiler.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The named parameters of a mapping's SQL: {@code :key}, {@code :argN} and {@code :argN.accessor}. Text in
 * single quotes is skipped, and so is {@code ::} (a PostgreSQL cast), so neither is mistaken for a parameter.
 */
public final class SqlParameters {

    /** One parameter occurrence. {@code argument} is empty for {@code :key}. */
    public record Parameter(String text, Optional<Integer> argument, Optional<String> accessor, boolean unknown) {
    }

    private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):([A-Za-z_]\\w*)(?:\\.([A-Za-z_]\\w*))?");
    private static final Pattern ARG = Pattern.compile("arg(\\d{1,3})");

    private SqlParameters() {
    }

    public static List<Parameter> of(String sql) {
        List<Parameter> parameters = new ArrayList<>();
        Matcher matcher = PARAMETER.matcher(withoutQuotedText(sql));
        while (matcher.find()) {
            String name = matcher.group(1);
            Optional<String> accessor = Optional.ofNullable(matcher.group(2));
            Matcher arg = ARG.matcher(name);
            if (name.equals("key") && accessor.isEmpty()) {
                parameters.add(new Parameter(matcher.group(), Optional.empty(), Optional.empty(), false));
            } else if (arg.matches()) {
                parameters.add(new Parameter(matcher.group(), Optional.of(Integer.parseInt(arg.group(1))), accessor,
                        false));
            } else {
                parameters.add(new Parameter(matcher.group(), Optional.empty(), accessor, true));
            }
        }
        return parameters;
    }

    private static String withoutQuotedText(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        boolean quoted = false;
        for (char c : sql.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                out.append(' ');
            } else {
                out.append(quoted ? ' ' : c);
            }
        }
        return out.toString();
    }
}
