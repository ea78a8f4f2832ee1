package dev.gridha.durability.runtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Encodes the update calls of one request for the replication payload, and decodes them on a backup.
 * Decoding runs Java deserialization behind an allow-list filter: only the JDK's value types and
 * collections, {@link RecordedUpdate}, and classes in the packages the service names (its state objects'
 * argument types) are accepted, with bounds on depth, references, array length and size. The channel is
 * already authenticated; the filter means even a peer holding the secret cannot make a backup instantiate
 * arbitrary classes.
 */
public final class RecordedUpdateCodec {

    public static final int MAX_BYTES = 16 * 1024 * 1024;

    private static final Set<String> JDK_VALUE_CLASSES = Set.of(
            "java.lang.String", "java.lang.Boolean", "java.lang.Character", "java.lang.Byte", "java.lang.Short",
            "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double", "java.lang.Number",
            "java.lang.Enum", "java.lang.Object", "java.lang.Record", "java.math.BigInteger", "java.math.BigDecimal",
            "java.util.ArrayList", "java.util.LinkedList", "java.util.HashMap", "java.util.LinkedHashMap",
            "java.util.TreeMap", "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet",
            "java.util.Optional", "java.util.ImmutableCollections$ListN", "java.util.ImmutableCollections$List12",
            "java.util.ImmutableCollections$SetN", "java.util.ImmutableCollections$Set12",
            "java.util.ImmutableCollections$MapN", "java.util.ImmutableCollections$Map1",
            "java.util.CollSer", "java.time.Instant", "java.time.Duration", "java.time.Ser",
            // what whole objects hold (a joining backup's snapshot, serialize rules): entries as map
            // implementations describe them, deques, the unmodifiable and empty views, URIs
            "java.util.Map$Entry", "java.util.AbstractMap$SimpleEntry", "java.util.AbstractMap$SimpleImmutableEntry",
            "java.util.ArrayDeque", "java.util.Collections$UnmodifiableMap", "java.util.Collections$UnmodifiableList",
            "java.util.Collections$UnmodifiableRandomAccessList", "java.util.Collections$UnmodifiableSet",
            "java.util.Collections$UnmodifiableCollection", "java.util.Collections$EmptyList",
            "java.util.Collections$EmptyMap", "java.util.Collections$EmptySet", "java.net.URI",
            RecordedUpdate.class.getName());

    /** Where the WSDL's generated types (replies, fault details) live. */
    static final String CONTRACTS_PACKAGE = "dev.gridha.contracts";

    /** What a recorded result may hold beyond update arguments: exceptions and the JAXB types' parts. */
    private static final Set<String> RESULT_CLASSES = Set.of("java.lang.Throwable", "java.lang.Exception",
            "java.lang.StackTraceElement", "java.util.Collections$EmptyList",
            "java.util.Collections$UnmodifiableRandomAccessList", "java.util.Collections$UnmodifiableList",
            "java.util.Collections$UnmodifiableCollection", "javax.xml.namespace.QName");

    private final List<String> applicationPackages;
    /** What the filter last refused on this thread, to name it in the error. */
    private static final ThreadLocal<String> REFUSED = new ThreadLocal<>();

    /**
     * @param applicationPackages packages whose classes may appear as update arguments, such as
     *                            {@code dev.gridha.services.matchmaker}
     */
    public RecordedUpdateCodec(List<String> applicationPackages) {
        this.applicationPackages = List.copyOf(applicationPackages);
    }

    public byte[] encode(List<RecordedUpdate> updates) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeInt(updates.size());
            for (RecordedUpdate update : updates) {
                out.writeObject(update);
            }
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("an update argument is not java.io.Serializable: " + e.getMessage()
                    + " (replicate with <serialize/>, or make the argument type Serializable)", e);
        } catch (IOException e) {
            throw new IllegalStateException("encoding updates in memory failed", e);
        }
        return bytes.toByteArray();
    }

    /**
     * @throws IllegalArgumentException if the payload is not a list of recorded updates made only of allowed
     *                                  classes within the bounds
     */
    public List<RecordedUpdate> decode(byte[] payload) {
        if (payload.length > MAX_BYTES) {
            throw new IllegalArgumentException("update payload of " + payload.length + " bytes exceeds " + MAX_BYTES);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(payload))) {
            in.setObjectInputFilter(this::check);
            int count = in.readInt();
            if (count < 0 || count > 100_000) {
                throw new IllegalArgumentException("update payload claims " + count + " updates");
            }
            List<RecordedUpdate> updates = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                Object update = in.readObject();
                if (!(update instanceof RecordedUpdate recorded)) {
                    throw new IllegalArgumentException("update payload holds a " + update.getClass().getName());
                }
                updates.add(recorded);
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException("update payload has bytes after its last update");
            }
            return updates;
        } catch (InvalidClassException e) {
            throw new IllegalArgumentException("update payload refused (" + REFUSED.get() + "): " + e.getMessage(), e);
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("update payload unreadable: " + e, e);
        }
    }

    /**
     * A state object's serialized state from a {@code serialize} rule, read with the same class allow-list
     * and bounds as the updates themselves.
     */
    public Object decodeState(byte[] state) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(state))) {
            in.setObjectInputFilter(this::check);
            return in.readObject();
        } catch (InvalidClassException e) {
            throw new IllegalArgumentException("serialized state refused (" + REFUSED.get() + "): " + e.getMessage(), e);
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("serialized state unreadable: " + e, e);
        }
    }

    /**
     * A request's result as the primary that executed it recorded it (a value, an {@code Object[]} of return
     * value and out parameters, or a declared fault), to answer a resubmission. Besides the update classes it
     * accepts the WSDL's generated types ({@value #CONTRACTS_PACKAGE}...) and what a serialized exception
     * holds.
     *
     * @throws IllegalArgumentException if it holds anything else or is unreadable
     */
    public Object decodeResult(byte[] result) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(result))) {
            in.setObjectInputFilter(info -> {
                Class<?> type = info.serialClass();
                while (type != null && type.isArray()) {
                    type = type.getComponentType();
                }
                if (type != null && (RESULT_CLASSES.contains(type.getName())
                        || type.getPackageName().startsWith(CONTRACTS_PACKAGE))) {
                    return info.depth() > 16 || info.streamBytes() > MAX_BYTES
                            ? ObjectInputFilter.Status.REJECTED : ObjectInputFilter.Status.ALLOWED;
                }
                return check(info);
            });
            return in.readObject();
        } catch (InvalidClassException e) {
            throw new IllegalArgumentException("recorded result refused: " + e.getMessage(), e);
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("recorded result unreadable: " + e, e);
        }
    }

    private ObjectInputFilter.Status check(ObjectInputFilter.FilterInfo info) {
        if (info.depth() > 16 || info.references() > 100_000 || info.arrayLength() > 1_000_000
                || info.streamBytes() > MAX_BYTES) {
            REFUSED.set("a bound (depth, references, array length or size)");
            return ObjectInputFilter.Status.REJECTED;
        }
        Class<?> type = info.serialClass();
        if (type == null) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        while (type.isArray()) {
            type = type.getComponentType();
        }
        if (type.isPrimitive() || JDK_VALUE_CLASSES.contains(type.getName())) {
            return ObjectInputFilter.Status.ALLOWED;
        }
        String packageName = type.getPackageName();
        if (applicationPackages.contains(packageName)) {
            return ObjectInputFilter.Status.ALLOWED;
        }
        REFUSED.set("class " + type.getName());
        return ObjectInputFilter.Status.REJECTED;
    }
}
