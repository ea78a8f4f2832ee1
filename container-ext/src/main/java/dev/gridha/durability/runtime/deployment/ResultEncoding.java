package dev.gridha.durability.runtime.deployment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * Encodes a request's result to travel with its state update (the thesis's check_previous_requests). Plain
 * values (the Counter's new value, a fault) are serialized; a JAXB reply bean that is not Serializable is
 * recorded as empty, and the failover issue's duplicate table decides how such replies are kept.
 */
final class ResultEncoding {

    static final byte[] NONE = new byte[0];

    private ResultEncoding() {
    }

    static byte[] encode(Object result) {
        if (!(result instanceof Serializable)) {
            return NONE;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(result);
        } catch (NotSerializableException e) {
            return NONE; // a Serializable exception holding a bean that is not
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the result " + result.getClass().getName(), e);
        }
        return bytes.toByteArray();
    }
}
