package dev.gridha.durability.runtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * A state object's whole state as bytes (Java serialization) and back into the same object: the service
 * holds references to its state objects, so they are never swapped for a copy; the copy's fields are
 * written into the original instead. Used by the {@code serialize} checkpoint and the {@code serialize}
 * replication rule.
 */
public final class StateSnapshots {

    private StateSnapshots() {
    }

    public static byte[] serialize(Object object) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException("checkpoint of " + object.getClass().getName() + " failed: " + e, e);
        }
        return bytes.toByteArray();
    }

    static Object deserializeOwn(byte[] snapshot) {
        // Our own bytes, written a moment ago in this JVM: no filter is needed to trust them.
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(snapshot))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("restoring a checkpoint failed: " + e, e);
        }
    }

    /** Copies the non-static, non-transient fields declared by the object's classes below Object. */
    public static void copyFields(Object from, Object to) {
        for (Field field : stateFields(to.getClass())) {
            try {
                field.setAccessible(true);
                field.set(to, field.get(from));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot restore field " + field, e);
            }
        }
    }

    private static List<Field> stateFields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers)) {
                    fields.add(field);
                }
            }
        }
        return fields;
    }
}
