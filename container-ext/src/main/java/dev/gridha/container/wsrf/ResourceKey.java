package dev.gridha.container.wsrf;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The key that names one WS-Resource inside its home. On the wire it is the text of the reference parameter
 * of the resource's endpoint reference (for the Counter, the {@code c:CounterKey} SOAP header).
 *
 * <p>Keys come from clients, so the constructor refuses anything but a short run of URL-safe characters:
 * a key is logged, used as a map key and may later become a database column, and none of those should see
 * control characters or kilobytes of text.
 */
public record ResourceKey(String value) implements Comparable<ResourceKey> {

    /** The longest key accepted; a UUID needs 36. */
    public static final int MAX_LENGTH = 128;

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._:~-]+");

    public ResourceKey {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > MAX_LENGTH || !ALLOWED.matcher(value).matches()) {
            throw new IllegalArgumentException("a resource key is 1-" + MAX_LENGTH
                    + " characters of A-Z a-z 0-9 . _ : ~ -, not '" + abbreviate(value) + "'");
        }
    }

    /** A fresh random key, as the factory operations hand out. */
    public static ResourceKey random() {
        return new ResourceKey(UUID.randomUUID().toString());
    }

    @Override
    public int compareTo(ResourceKey other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "...";
    }
}
