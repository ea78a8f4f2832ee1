package dev.gridha.container.failover;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.crypto.Mac;

import dev.gridha.container.replication.socket.SharedSecret;

/**
 * Heartbeats as authenticated datagrams: the fields, then an HMAC-SHA256 over a channel label and the
 * fields, keyed with the group's replication secret. Decoding checks the MAC before it reads a field, then
 * reads within fixed bounds, so a forged, truncated or oversized datagram is refused without effect.
 * Pure: no sockets. Not thread-safe (one {@link Mac} per instance).
 */
public final class HeartbeatCodec {

    /** Fits one Ethernet frame with room to spare; a group of a few replicas needs a few hundred bytes. */
    public static final int MAX_BYTES = 1200;

    static final int MAX_MEMBERS = 32;
    static final int MAX_ID_BYTES = 255;

    private static final int MAGIC = 0x47484231; // "GHB1"
    private static final int JOIN_MAGIC = 0x47484A31; // "GHJ1"
    private static final int MAC_BYTES = 32;
    /** Signed with every heartbeat, so no other message keyed with the same secret passes for one. */
    private static final byte[] LABEL = "gridha heartbeat v1".getBytes(StandardCharsets.US_ASCII);

    private final String group;
    private final Mac mac;

    /**
     * @param group the group whose heartbeats this encodes and accepts; another group's are refused
     */
    public HeartbeatCodec(String group, SharedSecret secret) {
        this.group = group;
        this.mac = secret.newHmac();
    }

    /** Thrown for a datagram that is not an authentic, well-formed heartbeat of this group. */
    public static final class InvalidHeartbeatException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidHeartbeatException(String message) {
            super(message);
        }
    }

    public byte[] encode(GroupMessage message) {
        if (!message.group().equals(group)) {
            throw new IllegalArgumentException("message of group " + message.group() + " on " + group + "'s codec");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (message instanceof JoinRequest join) {
                out.writeInt(JOIN_MAGIC);
                writeId(out, join.group());
                writeId(out, join.sender());
                out.writeLong(join.incarnation());
                out.writeLong(join.counter());
                return sealed(bytes, out);
            }
            Heartbeat heartbeat = (Heartbeat) message;
            out.writeInt(MAGIC);
            writeId(out, heartbeat.group());
            writeId(out, heartbeat.sender());
            out.writeLong(heartbeat.incarnation());
            out.writeLong(heartbeat.counter());
            out.writeLong(heartbeat.epoch());
            if (heartbeat.members().size() > MAX_MEMBERS) {
                throw new IllegalArgumentException("more than " + MAX_MEMBERS + " replicas in " + heartbeat.view());
            }
            out.writeByte(heartbeat.members().size());
            for (String member : heartbeat.members()) {
                writeId(out, member);
            }
            return sealed(bytes, out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
    }

    /** The body written so far, followed by its MAC. */
    private byte[] sealed(ByteArrayOutputStream bytes, DataOutputStream out) throws IOException {
        out.flush();
        byte[] body = bytes.toByteArray();
        byte[] datagram = Arrays.copyOf(body, body.length + MAC_BYTES);
        System.arraycopy(sign(body, body.length), 0, datagram, body.length, MAC_BYTES);
        if (datagram.length > MAX_BYTES) {
            throw new IllegalArgumentException("heartbeat of " + datagram.length + " bytes exceeds " + MAX_BYTES);
        }
        return datagram;
    }

    /**
     * @param length how many bytes of {@code datagram} were received
     * @throws InvalidHeartbeatException if it is not authentic, not well formed, or another group's
     */
    public GroupMessage decode(byte[] datagram, int length) throws InvalidHeartbeatException {
        if (length < MAC_BYTES + 4 || length > MAX_BYTES || length > datagram.length) {
            throw new InvalidHeartbeatException("datagram of " + length + " bytes is no heartbeat");
        }
        int bodyLength = length - MAC_BYTES;
        byte[] expected = sign(datagram, bodyLength);
        byte[] received = Arrays.copyOfRange(datagram, bodyLength, length);
        if (!MessageDigest.isEqual(expected, received)) {
            throw new InvalidHeartbeatException("heartbeat does not verify with the group's secret");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(datagram, 0, bodyLength))) {
            int magic = in.readInt();
            if (magic != MAGIC && magic != JOIN_MAGIC) {
                throw new InvalidHeartbeatException("not a gridha heartbeat (magic)");
            }
            String sentGroup = readId(in);
            if (!sentGroup.equals(group)) {
                throw new InvalidHeartbeatException("heartbeat of group " + sentGroup + ", expected " + group);
            }
            if (magic == JOIN_MAGIC) {
                JoinRequest join = new JoinRequest(sentGroup, readId(in), in.readLong(), in.readLong());
                if (in.available() != 0) {
                    throw new InvalidHeartbeatException("trailing bytes after the join request");
                }
                return join;
            }
            String sender = readId(in);
            long incarnation = in.readLong();
            long counter = in.readLong();
            long epoch = in.readLong();
            int count = in.readUnsignedByte();
            if (count < 1 || count > MAX_MEMBERS) {
                throw new InvalidHeartbeatException("heartbeat lists " + count + " replicas");
            }
            List<String> members = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                members.add(readId(in));
            }
            if (in.available() != 0) {
                throw new InvalidHeartbeatException("trailing bytes after the heartbeat");
            }
            return new Heartbeat(sentGroup, sender, incarnation, counter, new ReplicaView(epoch, members));
        } catch (IOException e) {
            throw new InvalidHeartbeatException("truncated heartbeat");
        } catch (IllegalArgumentException e) {
            // authentic, so sent by a replica holding the secret, but inconsistent (a bug, not an attack)
            throw new InvalidHeartbeatException("inconsistent heartbeat: " + e.getMessage());
        }
    }

    private byte[] sign(byte[] body, int length) {
        mac.update(LABEL);
        mac.update(body, 0, length);
        return mac.doFinal();
    }

    private static void writeId(DataOutputStream out, String id) throws IOException {
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 || bytes.length > MAX_ID_BYTES) {
            throw new IllegalArgumentException("a replica or group id has 1-" + MAX_ID_BYTES + " bytes: '" + id + "'");
        }
        out.writeByte(bytes.length);
        out.write(bytes);
    }

    private static String readId(DataInputStream in) throws IOException, InvalidHeartbeatException {
        int length = in.readUnsignedByte();
        if (length == 0) {
            throw new InvalidHeartbeatException("empty id in heartbeat");
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new IOException("truncated");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
