package dev.gridha.container.replication.soap;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;

import org.apache.wss4j.common.ext.WSPasswordCallback;

/**
 * Gives WSS4J the group's shared secret as the password of the replication UsernameToken, from which both
 * sides derive each message's signing key. Any other user name gets no password, so a token naming someone
 * else fails to verify.
 */
final class SecretCallbackHandler implements CallbackHandler {

    private final String password;

    SecretCallbackHandler(String password) {
        this.password = password;
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (!(callback instanceof WSPasswordCallback passwordCallback)) {
                throw new UnsupportedCallbackException(callback, "only WS-Security password callbacks");
            }
            if (ReplicationSecurityFeature.USER.equals(passwordCallback.getIdentifier())) {
                passwordCallback.setPassword(password);
            }
        }
    }
}
