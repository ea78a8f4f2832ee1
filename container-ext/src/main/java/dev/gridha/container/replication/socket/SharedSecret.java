package dev.gridha.container.replication.socket;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key the primary and its backups share to authenticate the replication channel (HMAC-SHA256). At
 * least 32 bytes, as HMAC-SHA256 wants; configured as Base64. Never printed.
 */
public final class SharedSecret {

    public static final int MIN_BYTES = 32;

    private final byte[] key;

    public SharedSecret(byte[] key) {
        if (key == null || key.length < MIN_BYTES) {
            throw new IllegalArgumentException("a replication secret needs at least " + MIN_BYTES + " bytes, got "
                    + (key == null ? 0 : key.length));
        }
        this.key = key.clone();
    }

    /** Parses a Base64 secret, as kept in configuration. */
    public static SharedSecret fromBase64(String encoded) {
        try {
            return new SharedSecret(Base64.getDecoder().decode(encoded.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("replication secret is not valid Base64 of at least "
                    + MIN_BYTES + " bytes", e);
        }
    }

    /** A fresh random secret. */
    public static SharedSecret generate() {
        byte[] key = new byte[MIN_BYTES];
        new SecureRandom().nextBytes(key);
        return new SharedSecret(key);
    }

    byte[] bytes() {
        return key.clone();
    }

    /**
     * A fresh HMAC-SHA256 keyed with this secret, for another authenticated channel of the group (each such
     * channel puts its own label into what it signs, so a message of one is never valid on another).
     */
    public Mac newHmac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(key);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SharedSecret that && Arrays.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "SharedSecret[" + key.length + " bytes]";
    }
}
