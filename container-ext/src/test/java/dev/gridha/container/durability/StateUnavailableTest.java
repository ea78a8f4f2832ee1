package dev.gridha.container.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.gridha.container.replication.ReplicationFailedException;
import dev.gridha.durability.runtime.deployment.NotPrimaryException;
import dev.gridha.durability.runtime.deployment.RequestAlreadyExecutedException;

class StateUnavailableTest {

    @Test
    void eachRuntimeRefusalHasItsCodeEvenWrapped() {
        assertThat(StateUnavailable.of(new NotPrimaryException("a backup")))
                .hasValueSatisfying(s -> assertThat(s.errorCode()).isEqualTo("state.not-primary"));
        assertThat(StateUnavailable.of(new IllegalStateException(new ReplicationFailedException(3, Map.of("b", "x")))))
                .hasValueSatisfying(s -> assertThat(s.errorCode()).isEqualTo("state.replication-failed"));
        assertThat(StateUnavailable.of(new RequestAlreadyExecutedException("ft:c:1", "its reply could not be recorded")))
                .hasValueSatisfying(s -> {
                    assertThat(s.errorCode()).isEqualTo("request.already-executed");
                    assertThat(s.description()).contains("ft:c:1").contains("not executed again");
                });
        assertThat(StateUnavailable.of(new IllegalArgumentException("a bug"))).isEmpty();
    }
}
