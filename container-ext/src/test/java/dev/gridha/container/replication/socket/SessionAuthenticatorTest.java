package dev.gridha.container.replication.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SessionAuthenticatorTest {

    private final SharedSecret secret = SharedSecret.generate();
    private final byte[] serverNonce = nonce(1);
    private final byte[] clientNonce = nonce(2);
    private final byte[] body = "state update".getBytes(StandardCharsets.UTF_8);

    @Test
    void sealedFrameOpensToItsBody() throws Exception {
        byte[] sealed = new SessionAuthenticator(secret, serverNonce, clientNonce).seal(body);
        assertThat(sealed).hasSize(body.length + SessionAuthenticator.MAC_BYTES);
        assertThat(new SessionAuthenticator(secret, serverNonce, clientNonce).open(sealed)).isEqualTo(body);
    }

    @Test
    void alteredBodyDoesNotVerify() {
        byte[] sealed = new SessionAuthenticator(secret, serverNonce, clientNonce).seal(body);
        sealed[0] ^= 1;
        assertThatThrownBy(() -> new SessionAuthenticator(secret, serverNonce, clientNonce).open(sealed))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void alteredMacDoesNotVerify() {
        byte[] sealed = new SessionAuthenticator(secret, serverNonce, clientNonce).seal(body);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> new SessionAuthenticator(secret, serverNonce, clientNonce).open(sealed))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void frameFromAnotherSessionDoesNotVerify() {
        byte[] recorded = new SessionAuthenticator(secret, serverNonce, clientNonce).seal(body);
        assertThatThrownBy(() -> new SessionAuthenticator(secret, nonce(3), clientNonce).open(recorded))
                .as("server chose a fresh nonce").isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> new SessionAuthenticator(secret, serverNonce, nonce(4)).open(recorded))
                .as("client chose a fresh nonce").isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void frameSealedWithAnotherSecretDoesNotVerify() {
        byte[] forged = new SessionAuthenticator(SharedSecret.generate(), serverNonce, clientNonce).seal(body);
        assertThatThrownBy(() -> new SessionAuthenticator(secret, serverNonce, clientNonce).open(forged))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void frameShorterThanAMacDoesNotVerify() {
        assertThatThrownBy(() -> new SessionAuthenticator(secret, serverNonce, clientNonce).open(new byte[5]))
                .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("shorter");
    }

    @Test
    void secretsShorterThan32BytesAreRefusedAndNeverPrinted() {
        assertThatThrownBy(() -> new SharedSecret(new byte[31])).hasMessageContaining("32");
        SharedSecret generated = SharedSecret.generate();
        assertThat(SharedSecret.fromBase64(generated.toBase64())).isEqualTo(generated);
        assertThat(generated.toString()).doesNotContain(generated.toBase64());
        assertThatThrownBy(() -> SharedSecret.fromBase64("not base64!")).hasMessageContaining("Base64");
    }

    private static byte[] nonce(int fill) {
        byte[] nonce = new byte[SessionAuthenticator.NONCE_BYTES];
        java.util.Arrays.fill(nonce, (byte) fill);
        return nonce;
    }
}
