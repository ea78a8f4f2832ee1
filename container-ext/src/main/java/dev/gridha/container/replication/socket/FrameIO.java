package dev.gridha.container.replication.socket;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Length-prefixed frames on a stream, with a cap so that a hostile length cannot allocate the heap. */
final class FrameIO {

    private FrameIO() {
    }

    static byte[] read(DataInputStream in, int maxFrameBytes) throws IOException, WireFormat.ProtocolException {
        int length = in.readInt();
        if (length <= 0 || length > maxFrameBytes) {
            throw new WireFormat.ProtocolException("frame of " + length + " bytes outside 1.." + maxFrameBytes);
        }
        byte[] frame = new byte[length];
        in.readFully(frame);
        return frame;
    }

    static void write(DataOutputStream out, byte[] frame) throws IOException {
        out.writeInt(frame.length);
        out.write(frame);
        out.flush();
    }
}
