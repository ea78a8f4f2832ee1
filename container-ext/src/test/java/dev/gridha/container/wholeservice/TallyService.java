package dev.gridha.container.wholeservice;

import java.nio.ByteBuffer;

import jakarta.jws.WebService;

import dev.gridha.durability.WholeServiceState;

/** The toy service: one number, its whole state four bytes. */
@WebService(endpointInterface = "dev.gridha.container.wholeservice.Tally", targetNamespace = "urn:gridha:test:tally",
        serviceName = "TallyService", portName = "TallyPort")
public class TallyService implements Tally, WholeServiceState {

    private int total;

    @Override
    public int add(int amount) {
        total += amount;
        if (amount < 0) {
            throw new IllegalArgumentException("negative amounts are refused (after the state changed)");
        }
        return total;
    }

    @Override
    public int total() {
        return total;
    }

    @Override
    public byte[] extractState() {
        return ByteBuffer.allocate(4).putInt(total).array();
    }

    @Override
    public void injectState(byte[] state) {
        total = ByteBuffer.wrap(state).getInt();
    }
}
