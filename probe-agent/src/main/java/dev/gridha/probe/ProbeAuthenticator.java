package dev.gridha.probe;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Both directions of the probe channel are authenticated with HMAC-SHA256 under the group's management
 * secret: the manager's request carries its time, a fresh nonce and a MAC over both and the path (a replay,
 * or a request older than {@link #WINDOW_MILLIS}, is refused); the agent's reading carries a MAC over the
 * request's nonce and the body, so a reading cannot be forged or replayed to the manager to make it restart
 * a healthy container. Pure: the clock is injected. Thread-safe.
 */
public final class ProbeAuthenticator {

    public static final String REQUEST_HEADER = "X-Gridha-Probe";
    public static final String READING_HEADER = "X-Gridha-Probe-Mac";
    /** How far a request's time may be from the agent's clock. */
    public static final long WINDOW_MILLIS = 30_000;
    private static final int NONCES_KEPT = 100_000;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] secret;
    private final LongSupplier clock;
    private final SecureRandom random = new SecureRandom();
    /** Nonces seen within the window, by the time they came with. */
    private final Map<String, Long> seen = new LinkedHashMap<>();

    public ProbeAuthenticator(byte[] secret, LongSupplier clock) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the management secret must be at least 32 bytes (base64 of 32"
                    + " random bytes or more), not " + secret.length);
        }
        this.secret = secret.clone();
        this.clock = clock;
    }

    /** Reads a secret given as base64 text (surrounding whitespace ignored). */
    public static byte[] decodeSecret(String base64) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the management secret is not base64");
        }
    }

    /** The manager: the header value for a request of {@code path}; remember its nonce to check the reading. */
    public Signed sign(String path) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String nonceHex = HEX.formatHex(nonce);
        long at = clock.getAsLong();
        return new Signed(at + "." + nonceHex + "." + HEX.formatHex(mac(request(at, nonceHex, path))), nonceHex);
    }

    /** A signed request's header value and the nonce its reading must answer. */
    public record Signed(String header, String nonce) {
    }

    /**
     * The agent: checks a request's header for {@code path}.
     *
     * @return the request's nonce, to sign the reading with
     * @throws SecurityException saying why it is refused (never echoing the secret or the MAC)
     */
    public String verifyRequest(String header, String path) {
        if (header == null) {
            throw new SecurityException("no " + REQUEST_HEADER + " header: the probe answers only the manager");
        }
        String[] parts = header.split("\\.", -1);
        if (parts.length != 3 || parts[0].length() > 19 || parts[1].length() != 32 || parts[2].length() != 64) {
            throw new SecurityException("malformed " + REQUEST_HEADER + " header");
        }
        long at;
        byte[] claimed;
        try {
            at = Long.parseLong(parts[0]);
            HEX.parseHex(parts[1]);
            claimed = HEX.parseHex(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new SecurityException("malformed " + REQUEST_HEADER + " header");
        }
        if (!MessageDigest.isEqual(claimed, mac(request(at, parts[1], path)))) {
            throw new SecurityException("request MAC does not verify (another secret?)");
        }
        long now = clock.getAsLong();
        if (Math.abs(now - at) > WINDOW_MILLIS) {
            throw new SecurityException("request time is " + (now - at) + " ms from this clock (at most "
                    + WINDOW_MILLIS + ")");
        }
        synchronized (seen) {
            forgetOld(now);
            if (seen.putIfAbsent(parts[1], at) != null) {
                throw new SecurityException("request replayed");
            }
        }
        return parts[1];
    }

    private void forgetOld(long now) {
        Iterator<Map.Entry<String, Long>> oldest = seen.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, Long> entry = oldest.next();
            // a nonce older than the window cannot come back: its request would be refused as too old
            if (now - entry.getValue() > 2 * WINDOW_MILLIS || seen.size() > NONCES_KEPT) {
                oldest.remove();
            } else {
                break;
            }
        }
    }

    /** The agent: the MAC header value for a reading answering the request with {@code nonce}. */
    public String signReading(String nonce, byte[] body) {
        return HEX.formatHex(mac(reading(nonce, body)));
    }

    /**
     * The manager: checks a reading's MAC against the nonce of the request it sent.
     *
     * @throws SecurityException if it is missing or does not verify
     */
    public void verifyReading(String header, String nonce, byte[] body) {
        byte[] claimed;
        try {
            claimed = header == null ? null : HEX.parseHex(header);
        } catch (IllegalArgumentException e) {
            claimed = null;
        }
        if (claimed == null || !MessageDigest.isEqual(claimed, mac(reading(nonce, body)))) {
            throw new SecurityException("the reading's MAC is missing or does not verify: not from a probe agent"
                    + " holding the management secret");
        }
    }

    private static byte[] request(long at, String nonce, String path) {
        return ("gridha-probe-request\n" + at + "\n" + nonce + "\n" + path).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] reading(String nonce, byte[] body) {
        byte[] head = ("gridha-probe-reading\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private byte[] mac(byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
