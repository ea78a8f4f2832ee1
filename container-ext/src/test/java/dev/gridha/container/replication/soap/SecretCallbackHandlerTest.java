package dev.gridha.container.replication.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.UnsupportedCallbackException;

import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.junit.jupiter.api.Test;

class SecretCallbackHandlerTest {

    private final SecretCallbackHandler handler = new SecretCallbackHandler("c2VjcmV0");

    @Test
    void theReplicationUserGetsTheSecret() throws Exception {
        WSPasswordCallback callback = new WSPasswordCallback(ReplicationSecurityFeature.USER,
                WSPasswordCallback.USERNAME_TOKEN);

        handler.handle(new Callback[] {callback});

        assertThat(callback.getPassword()).isEqualTo("c2VjcmV0");
    }

    @Test
    void anyOtherUserGetsNothing() throws Exception {
        WSPasswordCallback callback = new WSPasswordCallback("admin", WSPasswordCallback.USERNAME_TOKEN);

        handler.handle(new Callback[] {callback});

        assertThat(callback.getPassword()).isNull();
    }

    @Test
    void otherCallbacksAreNotAnswered() {
        assertThatThrownBy(() -> handler.handle(new Callback[] {new NameCallback("name")}))
                .isInstanceOf(UnsupportedCallbackException.class);
    }
}
