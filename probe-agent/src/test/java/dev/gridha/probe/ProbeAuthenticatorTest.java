package dev.gridha.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ProbeAuthenticatorTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final ProbeAuthenticator manager = new ProbeAuthenticator(SECRET, now::get);
    private final ProbeAuthenticator agent = new ProbeAuthenticator(SECRET, now::get);

    @Test
    void aSignedRequestIsTakenOnceAndTheReadingItGetsVerifiesAgainstItsNonce() {
        ProbeAuthenticator.Signed signed = manager.sign(ProbeServer.PATH);

        String nonce = agent.verifyRequest(signed.header(), ProbeServer.PATH);
        assertThat(nonce).isEqualTo(signed.nonce());
        byte[] body = "heap 1\n".getBytes(StandardCharsets.UTF_8);
        manager.verifyReading(agent.signReading(nonce, body), signed.nonce(), body);

        assertThatThrownBy(() -> agent.verifyRequest(signed.header(), ProbeServer.PATH)).hasMessageContaining("replayed");
    }

    @Test
    void requestsFromAnotherSecretForAnotherPathMalformedOrOutOfTimeAreRefused() {
        ProbeAuthenticator stranger = new ProbeAuthenticator("another secret of thirty-two bytes!!"
                .getBytes(StandardCharsets.US_ASCII), now::get);
        assertThatThrownBy(() -> agent.verifyRequest(stranger.sign(ProbeServer.PATH).header(), ProbeServer.PATH))
                .hasMessageContaining("does not verify");
        assertThatThrownBy(() -> agent.verifyRequest(manager.sign("/other").header(), ProbeServer.PATH))
                .hasMessageContaining("does not verify");
        assertThatThrownBy(() -> agent.verifyRequest(null, ProbeServer.PATH)).hasMessageContaining("no X-Gridha-Probe");
        assertThatThrownBy(() -> agent.verifyRequest("1.2.3", ProbeServer.PATH)).hasMessageContaining("malformed");

        ProbeAuthenticator.Signed old = manager.sign(ProbeServer.PATH);
        now.addAndGet(ProbeAuthenticator.WINDOW_MILLIS + 1);
        assertThatThrownBy(() -> agent.verifyRequest(old.header(), ProbeServer.PATH)).hasMessageContaining("from this clock");
    }

    @Test
    void aReadingAlteredOrAnsweringAnotherRequestDoesNotVerify() {
        ProbeAuthenticator.Signed first = manager.sign(ProbeServer.PATH);
        ProbeAuthenticator.Signed second = manager.sign(ProbeServer.PATH);
        byte[] body = "heap 1\n".getBytes(StandardCharsets.UTF_8);
        String mac = agent.signReading(agent.verifyRequest(first.header(), ProbeServer.PATH), body);

        assertThatThrownBy(() -> manager.verifyReading(mac, first.nonce(), "heap 2\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SecurityException.class);
        assertThatThrownBy(() -> manager.verifyReading(mac, second.nonce(), body)).isInstanceOf(SecurityException.class);
        assertThatThrownBy(() -> manager.verifyReading(null, first.nonce(), body)).hasMessageContaining("missing");
        assertThatThrownBy(() -> manager.verifyReading("zz", first.nonce(), body)).isInstanceOf(SecurityException.class);
    }

    @Test
    void aShortOrNonBase64SecretIsRefused() {
        assertThatThrownBy(() -> new ProbeAuthenticator(new byte[16], now::get)).hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> ProbeAuthenticator.decodeSecret("not base64 !")).hasMessageContaining("not base64");
    }
}
