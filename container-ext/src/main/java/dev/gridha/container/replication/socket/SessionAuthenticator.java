package dev.gridha.container.replication.socket;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticates the frames of one replication session with HMAC-SHA256 over both sides' fresh nonces and
 * the frame. Because each side contributes a nonce, a frame or an acknowledgement recorded in one session
 * does not verify in any other, so an attacker can neither replay an old state update into a backup nor
 * replay old acknowledgements to make a primary reply before its backup really has the update. Within a
 * session, frames carry consecutive sequence numbers (checked by the caller).
 *
 * <p>Pure: no sockets, no clocks. Not thread-safe (a {@link Mac} per instance); each direction of a session
 * uses it under that direction's lock.
 */
final class SessionAuthenticator {

    static final int NONCE_BYTES = 16;
    static final int MAC_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final Mac mac;
    private final byte[] serverNonce;
    private final byte[] clientNonce;

    SessionAuthenticator(SharedSecret secret, byte[] serverNonce, byte[] clientNonce) {
        if (serverNonce.length != NONCE_BYTES || clientNonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("nonces are " + NONCE_BYTES + " bytes");
        }
        this.serverNonce = serverNonce.clone();
        this.clientNonce = clientNonce.clone();
        try {
            mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.bytes(), ALGORITHM));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("this JVM cannot compute " + ALGORITHM, e);
        }
    }

    /** The frame followed by its MAC. */
    byte[] seal(byte[] body) {
        byte[] tag = tag(body, 0, body.length);
        byte[] sealed = Arrays.copyOf(body, body.length + MAC_BYTES);
        System.arraycopy(tag, 0, sealed, body.length, MAC_BYTES);
        return sealed;
    }

    /** The frame without its MAC, if the MAC verifies. */
    byte[] open(byte[] sealed) throws AuthenticationFailedException {
        if (sealed.length < MAC_BYTES) {
            throw new AuthenticationFailedException("frame shorter than its MAC");
        }
        int bodyLength = sealed.length - MAC_BYTES;
        byte[] expected = tag(sealed, 0, bodyLength);
        byte[] actual = Arrays.copyOfRange(sealed, bodyLength, sealed.length);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new AuthenticationFailedException("frame MAC does not verify");
        }
        return Arrays.copyOf(sealed, bodyLength);
    }

    private byte[] tag(byte[] data, int offset, int length) {
        mac.reset();
        mac.update(serverNonce);
        mac.update(clientNonce);
        mac.update(data, offset, length);
        return mac.doFinal();
    }
}
