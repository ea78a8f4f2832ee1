package dev.gridha.container.replication.soap;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.endpoint.Endpoint;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.feature.AbstractFeature;
import org.apache.cxf.interceptor.InterceptorProvider;
import org.apache.cxf.ws.security.SecurityConstants;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.cache.MemoryReplayCache;

import dev.gridha.container.replication.socket.SharedSecret;

/**
 * Authenticates and integrity-protects every replication message, both ways, with the replica group's
 * shared secret (WS-Security through WSS4J). Put it on the endpoint and on the client alike: each side signs
 * what it sends and verifies what it receives.
 *
 * <p>The configuration, and why:
 * <ul>
 * <li><b>{@code Timestamp UsernameTokenSignature}</b>: each message carries a UsernameToken with a fresh salt,
 *     nonce and creation time but <i>no password</i>; both sides derive an HMAC key from the token and the
 *     shared secret (UsernameToken Profile 1.1 key derivation) and sign with HMAC-SHA256. This is the WSS4J
 *     action built for a shared symmetric secret: no certificates or keystores to distribute, the secret never
 *     travels, and every message gets its own key. (A plain {@code UsernameToken} would only authenticate
 *     the sender, not protect the body; {@code Signature} with a symmetric key needs an EncryptedKey or a
 *     secure conversation, both of which assume certificates.)</li>
 * <li><b>Signed parts</b>: the Timestamp and the Body, and {@link SignatureCoverageInterceptor} refuses a
 *     message where either is not covered, so a fresh timestamp cannot be glued onto an old body.</li>
 * <li><b>Replay</b>: WSS4J's timestamp and UsernameToken-nonce caches are switched on for requests
 *     <i>and</i> responses (CXF enables them only on the receiving end of requests by default); a timestamp
 *     older than {@link #TIMESTAMP_SECONDS} is refused, so the caches stay small.</li>
 * <li><b>Signature confirmation</b>: a response echoes the request's signature value in a signed
 *     SignatureConfirmation, so an acknowledgement can only be the answer to the request it claims to
 *     answer, never one recorded earlier.</li>
 * </ul>
 * A message that fails any of this is refused with a SOAP fault before the service sees it.
 */
public final class ReplicationSecurityFeature extends AbstractFeature {

    /** The UsernameToken's user; the secret, not the name, is what authenticates. */
    static final String USER = "gridha-replica";

    /** How long a signed message stays acceptable: clocks of one replica group agree within this. */
    static final int TIMESTAMP_SECONDS = 60;

    private static final String SENT_ACTIONS = ConfigurationConstants.TIMESTAMP + " "
            + ConfigurationConstants.USERNAME_TOKEN_SIGNATURE;
    /** What WSS4J reports for such a message: the timestamp, the token-derived signature, a password-less token. */
    private static final String RECEIVED_ACTIONS = SENT_ACTIONS + " "
            + ConfigurationConstants.USERNAME_TOKEN_NO_PASSWORD;
    private static final String SIGNED_PARTS =
            "{}{http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd}Timestamp;"
            + "{}{http://schemas.xmlsoap.org/soap/envelope/}Body";
    private static final String HMAC_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256";
    private static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";

    private final SecretCallbackHandler callbacks;

    public ReplicationSecurityFeature(SharedSecret secret) {
        Objects.requireNonNull(secret, "secret");
        // The Base64 text of at least 32 random bytes: as strong as the key itself, and WSS4J wants a String.
        this.callbacks = new SecretCallbackHandler(secret.toBase64());
    }

    @Override
    public void initialize(Server server, Bus bus) {
        enableReplayCaches(server.getEndpoint());
        initializeProvider(server.getEndpoint(), bus);
    }

    @Override
    public void initialize(Client client, Bus bus) {
        enableReplayCaches(client.getEndpoint());
        initializeProvider(client, bus);
    }

    @Override
    protected void initializeProvider(InterceptorProvider provider, Bus bus) {
        provider.getOutInterceptors().add(new WSS4JOutInterceptor(outgoing()));
        provider.getInInterceptors().add(new WSS4JInInterceptor(incoming()));
        provider.getInInterceptors().add(new SignatureCoverageInterceptor());
    }

    private static void enableReplayCaches(Endpoint endpoint) {
        endpoint.put(SecurityConstants.ENABLE_NONCE_CACHE, Boolean.TRUE);
        endpoint.put(SecurityConstants.ENABLE_TIMESTAMP_CACHE, Boolean.TRUE);
        // In memory, one per endpoint: CXF's default is an EhCache that writes every entry to a disk store,
        // which made each signed round trip several milliseconds slower. The entries live only as long as a
        // timestamp is accepted, so memory stays bounded by the message rate.
        endpoint.put(SecurityConstants.NONCE_CACHE_INSTANCE, new MemoryReplayCache());
        endpoint.put(SecurityConstants.TIMESTAMP_CACHE_INSTANCE, new MemoryReplayCache());
    }

    private Map<String, Object> outgoing() {
        Map<String, Object> properties = common();
        properties.put(ConfigurationConstants.ACTION, SENT_ACTIONS);
        properties.put(ConfigurationConstants.USER, USER);
        properties.put(ConfigurationConstants.USE_DERIVED_KEY_FOR_MAC, "true");
        properties.put(ConfigurationConstants.SIG_ALGO, HMAC_SHA256);
        properties.put(ConfigurationConstants.SIG_DIGEST_ALGO, SHA256);
        properties.put(ConfigurationConstants.SIGNATURE_PARTS, SIGNED_PARTS);
        properties.put(ConfigurationConstants.TTL_TIMESTAMP, String.valueOf(TIMESTAMP_SECONDS));
        return properties;
    }

    private Map<String, Object> incoming() {
        Map<String, Object> properties = common();
        properties.put(ConfigurationConstants.ACTION, RECEIVED_ACTIONS);
        properties.put(ConfigurationConstants.TTL_TIMESTAMP, String.valueOf(TIMESTAMP_SECONDS));
        properties.put(ConfigurationConstants.TTL_USERNAMETOKEN, String.valueOf(TIMESTAMP_SECONDS));
        // The token deliberately carries no password (only salt, nonce and creation time); what proves the
        // sender holds the secret is the signature with the key derived from it, checked right after.
        properties.put(ConfigurationConstants.ALLOW_USERNAMETOKEN_NOPASSWORD, "true");
        properties.put(ConfigurationConstants.TIMESTAMP_STRICT, "true");
        properties.put(ConfigurationConstants.REQUIRE_TIMESTAMP_EXPIRES, "true");
        return properties;
    }

    private Map<String, Object> common() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConfigurationConstants.PW_CALLBACK_REF, callbacks);
        properties.put(ConfigurationConstants.ENABLE_SIGNATURE_CONFIRMATION, "true");
        return properties;
    }
}
