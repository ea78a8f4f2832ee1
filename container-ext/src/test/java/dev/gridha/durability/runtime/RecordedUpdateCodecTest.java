package dev.gridha.durability.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.List;

import org.junit.jupiter.api.Test;

class RecordedUpdateCodecTest {

    /** An argument type of the kind a state object takes (the Matchmaker's Resources). */
    record Resources(int cpuMhz, int memoryMb, int diskGb) implements Serializable {
    }

    private final RecordedUpdateCodec codec = new RecordedUpdateCodec(List.of("dev.gridha.durability.runtime"));

    @Test
    void updatesRoundTripWithTheirArguments() {
        List<RecordedUpdate> updates = List.of(
                new RecordedUpdate("machines", null, "advertise(Machine)", new Object[] {"node-a", 3000, List.of("linux")}),
                new RecordedUpdate("accounts", null, "jobCompleted(String,Resources,long)",
                        new Object[] {"alice", new Resources(1, 2, 3), 60L}),
                new RecordedUpdate("counter", "0b1e-key", "setValue(int)", new Object[] {42}));

        assertThat(codec.decode(codec.encode(updates))).isEqualTo(updates);
    }

    @Test
    void aClassOutsideTheAllowListIsRefused() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeInt(1);
            out.writeObject(new RecordedUpdate("x", null, "f(File)", new Object[] {new java.io.File("/etc/passwd")}));
        }
        assertThatThrownBy(() -> codec.decode(bytes.toByteArray()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refused");
    }

    @Test
    void anApplicationClassOfAnotherPackageIsRefused() {
        byte[] payload = codec.encode(List.of(new RecordedUpdate("a", null, "f(Resources)",
                new Object[] {new Resources(1, 1, 1)})));
        assertThatThrownBy(() -> new RecordedUpdateCodec(List.of("dev.gridha.services.matchmaker")).decode(payload))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNonSerializableArgumentIsAClearErrorWhenRecording() {
        Object notSerializable = new Object();
        assertThatThrownBy(() -> codec.encode(List.of(new RecordedUpdate("a", null, "f(Object)",
                new Object[] {notSerializable})))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not java.io.Serializable");
    }

    @Test
    void garbageIsRefusedNotThrownUnchecked() {
        assertThatThrownBy(() -> codec.decode(new byte[] {1, 2, 3})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void trailingBytesAreRefused() {
        byte[] payload = codec.encode(List.of(new RecordedUpdate("a", null, "f()", new Object[0])));
        byte[] longer = java.util.Arrays.copyOf(payload, payload.length + 1);
        assertThatThrownBy(() -> codec.decode(longer)).isInstanceOf(IllegalArgumentException.class);
    }
}
