package dev.gridha.container.replication.socket;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import dev.gridha.container.replication.Acknowledgement;
import dev.gridha.container.replication.StateUpdate;

/**
 * The bodies of the replication protocol's frames, before sealing. Every frame starts with a type byte;
 * update and acknowledgement frames carry the session's frame number next, so the receiver can insist on
 * consecutive numbers. Decoding is strict: a length over its limit, an unknown type or trailing bytes are
 * a {@link ProtocolException}, never a partly read object.
 *
 * <pre>
 * HELLO        : the server's nonce (16 bytes), unsealed: no key is in play yet
 * CLIENT_HELLO : type=1, client nonce (16 bytes); sealed, so it proves the client holds the secret
 * HELLO_OK     : type=4; sealed, so it proves the server holds the secret
 * UPDATE       : type=2, frame number, group, epoch, origin epoch, sequence, request id (or absent), result,
 *                payload
 * ACK          : type=3, frame number, sequence, outcome, reason
 * </pre>
 */
final class WireFormat {

    static final byte CLIENT_HELLO = 1;
    static final byte UPDATE = 2;
    static final byte ACK = 3;
    static final byte HELLO_OK = 4;

    static final int MAX_TEXT_BYTES = 1024;

    private WireFormat() {
    }

    /** A frame that does not follow the protocol. */
    static final class ProtocolException extends Exception {
        private static final long serialVersionUID = 1L;

        ProtocolException(String message) {
            super(message);
        }
    }

    record UpdateFrame(long frame, StateUpdate update) {
    }

    record AckFrame(long frame, Acknowledgement acknowledgement) {
    }

    static byte[] encodeUpdate(long frame, StateUpdate update) {
        return write(out -> {
            out.writeByte(UPDATE);
            out.writeLong(frame);
            writeText(out, update.group());
            out.writeLong(update.epoch());
            out.writeLong(update.origin());
            out.writeLong(update.sequence());
            out.writeBoolean(update.requestId() != null);
            if (update.requestId() != null) {
                writeText(out, update.requestId());
            }
            writeBytes(out, update.result());
            writeBytes(out, update.payload());
        });
    }

    static UpdateFrame decodeUpdate(byte[] body, int maxPayloadBytes) throws ProtocolException {
        return read(body, UPDATE, in -> {
            long frame = in.readLong();
            String group = readText(in);
            long epoch = in.readLong();
            long origin = in.readLong();
            long sequence = in.readLong();
            String requestId = in.readBoolean() ? readText(in) : null;
            byte[] result = readBytes(in, maxPayloadBytes);
            byte[] payload = readBytes(in, maxPayloadBytes);
            try {
                return new UpdateFrame(frame, new StateUpdate(group, epoch, sequence, requestId, result, payload,
                        origin));
            } catch (IllegalArgumentException e) {
                throw new ProtocolException("invalid update: " + e.getMessage());
            }
        });
    }

    static byte[] encodeAck(long frame, Acknowledgement ack) {
        return write(out -> {
            out.writeByte(ACK);
            out.writeLong(frame);
            out.writeLong(ack.sequence());
            out.writeByte(ack.outcome().ordinal());
            writeText(out, ack.reason().length() > 200 ? ack.reason().substring(0, 200) : ack.reason());
        });
    }

    static AckFrame decodeAck(byte[] body) throws ProtocolException {
        return read(body, ACK, in -> {
            long frame = in.readLong();
            long sequence = in.readLong();
            int outcome = in.readUnsignedByte();
            Acknowledgement.Outcome[] outcomes = Acknowledgement.Outcome.values();
            if (outcome >= outcomes.length) {
                throw new ProtocolException("unknown acknowledgement outcome " + outcome);
            }
            return new AckFrame(frame, new Acknowledgement(sequence, outcomes[outcome], readText(in)));
        });
    }

    static byte[] encodeClientHello(byte[] clientNonce) {
        return write(out -> {
            out.writeByte(CLIENT_HELLO);
            out.write(clientNonce);
        });
    }

    /**
     * The client nonce from a sealed CLIENT_HELLO, read before the MAC can be checked (the MAC covers it);
     * the caller verifies the whole frame with an authenticator built from this nonce.
     */
    static byte[] clientNonceOf(byte[] sealedClientHello) throws ProtocolException {
        int expected = 1 + SessionAuthenticator.NONCE_BYTES + SessionAuthenticator.MAC_BYTES;
        if (sealedClientHello.length != expected || sealedClientHello[0] != CLIENT_HELLO) {
            throw new ProtocolException("not a client hello");
        }
        return java.util.Arrays.copyOfRange(sealedClientHello, 1, 1 + SessionAuthenticator.NONCE_BYTES);
    }

    static byte[] encodeHelloOk() {
        return new byte[] {HELLO_OK};
    }

    static void expectHelloOk(byte[] body) throws ProtocolException {
        if (body.length != 1 || body[0] != HELLO_OK) {
            throw new ProtocolException("expected the server's hello confirmation");
        }
    }

    // --- primitives ---

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException, ProtocolException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] body, byte expectedType, Reader<T> reader) throws ProtocolException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            int type = in.readUnsignedByte();
            if (type != expectedType) {
                throw new ProtocolException("expected frame type " + expectedType + ", got " + type);
            }
            T value = reader.read(in);
            if (in.available() > 0) {
                throw new ProtocolException(in.available() + " unexpected bytes after the frame");
            }
            return value;
        } catch (EOFException e) {
            throw new ProtocolException("frame ends early");
        } catch (IOException e) {
            throw new ProtocolException("unreadable frame: " + e.getMessage());
        }
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > MAX_TEXT_BYTES) {
            throw new IllegalArgumentException("text field longer than " + MAX_TEXT_BYTES + " bytes");
        }
        out.writeShort(utf8.length);
        out.write(utf8);
    }

    private static String readText(DataInputStream in) throws IOException, ProtocolException {
        int length = in.readUnsignedShort();
        if (length > MAX_TEXT_BYTES) {
            throw new ProtocolException("text field of " + length + " bytes exceeds " + MAX_TEXT_BYTES);
        }
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in, int max) throws IOException, ProtocolException {
        int length = in.readInt();
        if (length < 0 || length > max) {
            throw new ProtocolException("byte field of " + length + " bytes outside 0.." + max);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }
}
