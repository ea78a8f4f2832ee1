package dev.gridha.container.replication;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Request results by request id, as a joining backup's snapshot carries them (in the snapshot update's result
 * field): so that, once it is promoted, it can answer a resubmission of a request executed before it joined.
 * A plain length-prefixed format, read within bounds.
 */
public final class RequestResults {

    private static final int MAX_ENTRIES = 4_000_000;

    private RequestResults() {
    }

    public static byte[] encode(Map<String, byte[]> results) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(results.size());
            for (Map.Entry<String, byte[]> entry : results.entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeInt(entry.getValue().length);
                out.write(entry.getValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException if the bytes are not such a map */
    public static Map<String, byte[]> decode(byte[] encoded) {
        Map<String, byte[]> results = new LinkedHashMap<>();
        if (encoded.length == 0) {
            return results;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int count = in.readInt();
            if (count < 0 || count > MAX_ENTRIES) {
                throw new IllegalArgumentException("request results claim " + count + " entries");
            }
            for (int i = 0; i < count; i++) {
                String requestId = in.readUTF();
                int length = in.readInt();
                if (length < 0 || length > in.available()) {
                    throw new IllegalArgumentException("request result of " + length + " bytes");
                }
                results.put(requestId, in.readNBytes(length));
            }
            return results;
        } catch (IOException e) {
            throw new IllegalArgumentException("request results unreadable: " + e, e);
        }
    }
}
