package dev.gridha.container.replication.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.gridha.container.replication.Acknowledgement;
import dev.gridha.container.replication.StateUpdate;

class WireFormatTest {

    private static final StateUpdate UPDATE = new StateUpdate("counter", 3, 42, "client-1:7",
            new byte[] {1, 2}, new byte[] {9, 8, 7});

    @Test
    void updateRoundTrips() throws Exception {
        WireFormat.UpdateFrame frame = WireFormat.decodeUpdate(WireFormat.encodeUpdate(5, UPDATE), 1024);
        assertThat(frame.frame()).isEqualTo(5);
        assertThat(frame.update()).isEqualTo(UPDATE);
    }

    @Test
    void aReSentUpdateKeepsItsOriginEpochOnTheWire() throws Exception {
        StateUpdate resent = UPDATE.resentIn(5);
        assertThat(WireFormat.decodeUpdate(WireFormat.encodeUpdate(6, resent), 1024).update().origin()).isEqualTo(3);
    }

    @Test
    void anOriginEpochNewerThanTheUpdatesEpochIsAProtocolError() {
        byte[] body = WireFormat.encodeUpdate(1, UPDATE);
        body[1 + 8 + 2 + "counter".length() + 8 + 7] = 4; // origin 4 > epoch 3
        assertThatThrownBy(() -> WireFormat.decodeUpdate(body, 1024))
                .isInstanceOf(WireFormat.ProtocolException.class).hasMessageContaining("origin epoch 4");
    }

    @Test
    void updateWithoutRequestIdRoundTrips() throws Exception {
        StateUpdate internal = new StateUpdate("counter", 0, 1, null, new byte[0], new byte[] {1});
        assertThat(WireFormat.decodeUpdate(WireFormat.encodeUpdate(1, internal), 1024).update()).isEqualTo(internal);
    }

    @Test
    void acknowledgementRoundTrips() throws Exception {
        Acknowledgement ack = Acknowledgement.rejected(42, "stale epoch 2 < 3");
        WireFormat.AckFrame frame = WireFormat.decodeAck(WireFormat.encodeAck(9, ack));
        assertThat(frame.frame()).isEqualTo(9);
        assertThat(frame.acknowledgement()).isEqualTo(ack);
    }

    @Test
    void payloadOverTheLimitIsAProtocolError() {
        byte[] body = WireFormat.encodeUpdate(1, new StateUpdate("g", 0, 1, null, new byte[0], new byte[2048]));
        assertThatThrownBy(() -> WireFormat.decodeUpdate(body, 1024))
                .isInstanceOf(WireFormat.ProtocolException.class).hasMessageContaining("2048");
    }

    @Test
    void truncatedFrameIsAProtocolError() {
        byte[] body = WireFormat.encodeUpdate(1, UPDATE);
        assertThatThrownBy(() -> WireFormat.decodeUpdate(Arrays.copyOf(body, body.length - 1), 1024))
                .isInstanceOf(WireFormat.ProtocolException.class).hasMessageContaining("ends early");
    }

    @Test
    void trailingBytesAreAProtocolError() {
        byte[] body = WireFormat.encodeUpdate(1, UPDATE);
        assertThatThrownBy(() -> WireFormat.decodeUpdate(Arrays.copyOf(body, body.length + 3), 1024))
                .isInstanceOf(WireFormat.ProtocolException.class).hasMessageContaining("3 unexpected bytes");
    }

    @Test
    void anAcknowledgementIsNotAnUpdate() {
        byte[] ack = WireFormat.encodeAck(1, Acknowledgement.received(1));
        assertThatThrownBy(() -> WireFormat.decodeUpdate(ack, 1024))
                .isInstanceOf(WireFormat.ProtocolException.class).hasMessageContaining("frame type");
    }

    @Test
    void negativeSequenceIsAProtocolError() {
        byte[] body = WireFormat.encodeUpdate(1, UPDATE);
        // group "counter" is 2 + 7 bytes after type (1) and frame (8); epoch follows, then the sequence
        int sequenceAt = 1 + 8 + 2 + 7 + 8;
        body[sequenceAt] = (byte) 0x80;
        assertThatThrownBy(() -> WireFormat.decodeUpdate(body, 1024))
                .isInstanceOf(WireFormat.ProtocolException.class).hasMessageContaining("invalid update");
    }

    @Test
    void clientHelloCarriesTheNonce() throws Exception {
        byte[] nonce = new byte[SessionAuthenticator.NONCE_BYTES];
        Arrays.fill(nonce, (byte) 7);
        byte[] sealed = new SessionAuthenticator(SharedSecret.generate(), new byte[16], nonce)
                .seal(WireFormat.encodeClientHello(nonce));
        assertThat(WireFormat.clientNonceOf(sealed)).isEqualTo(nonce);
        assertThatThrownBy(() -> WireFormat.clientNonceOf(new byte[] {1, 2, 3}))
                .isInstanceOf(WireFormat.ProtocolException.class);
    }
}
