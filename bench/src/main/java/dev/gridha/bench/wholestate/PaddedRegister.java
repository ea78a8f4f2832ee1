package dev.gridha.bench.wholestate;

import java.nio.ByteBuffer;

import jakarta.jws.WebService;

import dev.gridha.durability.WholeServiceState;

/**
 * A service whose whole state is {@code size} bytes (thesis Tables III.2-III.3 vary the state transferred
 * per request from 10 B to 100 kB): every write changes it, and whole-service replication ships all of it.
 */
@WebService(endpointInterface = "dev.gridha.bench.wholestate.Register", targetNamespace = "urn:gridha:bench:register",
        serviceName = "RegisterService", portName = "RegisterPort")
public class PaddedRegister implements Register, WholeServiceState {

    private final byte[] state;
    private long version;

    public PaddedRegister(int size) {
        this.state = new byte[Math.max(size, Long.BYTES)];
    }

    @Override
    public long write(int value) {
        version++;
        state[(int) (version % state.length)] = (byte) value;
        return version;
    }

    @Override
    public byte[] extractState() {
        byte[] copy = state.clone();
        ByteBuffer.wrap(copy).putLong(0, version);
        return copy;
    }

    @Override
    public void injectState(byte[] incoming) {
        System.arraycopy(incoming, 0, state, 0, Math.min(incoming.length, state.length));
        version = ByteBuffer.wrap(incoming).getLong(0);
    }
}
