package dev.gridha.container.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ReplicaViewTest {

    private final ReplicaView abc = ReplicaView.initial(List.of("a", "b", "c"));

    @Test
    void thePrimaryIsFirstAndTheSeniorBackupSecond() {
        assertThat(abc.primary()).isEqualTo("a");
        assertThat(abc.senior()).contains("b");
        assertThat(abc.backups()).containsExactly("b", "c");
        assertThat(ReplicaView.initial(List.of("a")).senior()).isEmpty();
    }

    @Test
    void aPrimaryFailureMovesToTheNextEpochWithTheSeniorFirst() {
        assertThat(abc.afterPrimaryFailure()).isEqualTo(new ReplicaView(2, List.of("b", "c")));
        assertThat(abc.afterPrimaryFailure().afterPrimaryFailure()).isEqualTo(new ReplicaView(3, List.of("c")));
        assertThatThrownBy(() -> ReplicaView.initial(List.of("a")).afterPrimaryFailure())
                .hasMessageContaining("no backup left");
    }

    @Test
    void backupsLeaveAndJoinWithinAnEpoch() {
        assertThat(abc.withoutBackup("b")).isEqualTo(new ReplicaView(1, List.of("a", "c")));
        assertThat(abc.withoutBackup("b").withBackup("b")).isEqualTo(new ReplicaView(1, List.of("a", "c", "b")));
        assertThatThrownBy(() -> abc.withoutBackup("a")).hasMessageContaining("not a backup");
        assertThatThrownBy(() -> abc.withBackup("c")).hasMessageContaining("already in");
    }

    @Test
    void malformedViewsAreRefused() {
        assertThatThrownBy(() -> ReplicaView.initial(List.of())).hasMessageContaining("at least its primary");
        assertThatThrownBy(() -> ReplicaView.initial(List.of("a", "a"))).hasMessageContaining("repeat");
        assertThatThrownBy(() -> new ReplicaView(0, List.of("a"))).hasMessageContaining("start at 1");
    }
}
