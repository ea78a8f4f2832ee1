package dev.gridha.container.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.gridha.container.replication.socket.SharedSecret;

class HeartbeatCodecTest {

    private final SharedSecret secret = SharedSecret.generate();
    private final HeartbeatCodec codec = new HeartbeatCodec("counter", secret);
    private final Heartbeat heartbeat = new Heartbeat("counter", "node-b", 1_700_000_000_000L, 42,
            new ReplicaView(3, List.of("node-b", "node-c", "node-a")));

    @Test
    void aHeartbeatRoundTrips() throws Exception {
        byte[] datagram = codec.encode(heartbeat);
        assertThat(datagram.length).isLessThan(HeartbeatCodec.MAX_BYTES);
        assertThat(new HeartbeatCodec("counter", secret).decode(datagram, datagram.length)).isEqualTo(heartbeat);
    }

    @Test
    void aJoinRequestRoundTripsAndIsAuthenticatedLikeAHeartbeat() throws Exception {
        JoinRequest join = new JoinRequest("counter", "node-a", 1_700_000_000_001L, 3);
        byte[] datagram = codec.encode(join);
        assertThat(codec.decode(datagram, datagram.length)).isEqualTo(join);
        assertThatThrownBy(() -> new HeartbeatCodec("counter", SharedSecret.generate()).decode(datagram,
                datagram.length)).hasMessageContaining("does not verify");
    }

    @Test
    void anyChangedByteIsRefused() {
        byte[] datagram = codec.encode(heartbeat);
        for (int i = 0; i < datagram.length; i++) {
            byte[] forged = datagram.clone();
            forged[i] ^= 0x01;
            assertThatThrownBy(() -> codec.decode(forged, forged.length))
                    .isInstanceOf(HeartbeatCodec.InvalidHeartbeatException.class)
                    .hasMessageContaining("does not verify");
        }
    }

    @Test
    void anotherSecretOrAnotherGroupIsRefused() {
        byte[] datagram = codec.encode(heartbeat);
        assertThatThrownBy(() -> new HeartbeatCodec("counter", SharedSecret.generate()).decode(datagram, datagram.length))
                .hasMessageContaining("does not verify");
        assertThatThrownBy(() -> new HeartbeatCodec("matchmaker", secret).decode(datagram, datagram.length))
                .hasMessageContaining("group counter");
    }

    @Test
    void truncatedEmptyAndOversizedDatagramsAreRefused() {
        byte[] datagram = codec.encode(heartbeat);
        assertThatThrownBy(() -> codec.decode(datagram, datagram.length - 1)).hasMessageContaining("does not verify");
        assertThatThrownBy(() -> codec.decode(new byte[0], 0)).hasMessageContaining("no heartbeat");
        assertThatThrownBy(() -> codec.decode(new byte[5000], 5000)).hasMessageContaining("no heartbeat");
        assertThatThrownBy(() -> codec.decode(Arrays.copyOf(datagram, 10), datagram.length))
                .hasMessageContaining("no heartbeat");
    }

    @Test
    void idsMustFitTheFormat() {
        Heartbeat longId = new Heartbeat("counter", "x".repeat(300), 1, 1,
                ReplicaView.initial(List.of("x".repeat(300))));
        assertThatThrownBy(() -> codec.encode(longId)).hasMessageContaining("1-255 bytes");
    }
}
