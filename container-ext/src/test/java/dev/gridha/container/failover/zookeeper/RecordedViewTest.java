package dev.gridha.container.failover.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RecordedViewTest {

    private final RecordedView initial = RecordedView.initial(List.of("a", "b", "c"));

    @Test
    void theFirstViewIsTheConfiguredListAtEpochOneWithNoPlaceClaimed() {
        assertThat(initial.view().epoch()).isEqualTo(1);
        assertThat(initial.view().members()).containsExactly("a", "b", "c");
        assertThat(initial.unclaimed("a")).isTrue();
        assertThat(initial.heldBy("a", 7)).isFalse();
    }

    @Test
    void aClaimedPlaceBelongsToOneSessionAndCannotBeClaimedAgain() {
        RecordedView claimed = initial.claim("b", 0x42);
        assertThat(claimed.heldBy("b", 0x42)).isTrue();
        assertThat(claimed.heldBy("b", 0x43)).isFalse();
        assertThatThrownBy(() -> claimed.claim("b", 0x43)).isInstanceOf(IllegalArgumentException.class);
        assertThat(claimed.alive("b", Set.of(0x42L))).isTrue();
        assertThat(claimed.alive("b", Set.of())).isFalse();
        assertThat(claimed.alive("a", Set.of(0L))).isFalse(); // an unclaimed place is never alive
    }

    @Test
    void aTakeOverMovesToTheNextEpochWithTheSuccessorFirstAndOnlyLiveBackupsAfterIt() {
        RecordedView running = initial.claim("a", 1).claim("b", 2).claim("c", 3);
        RecordedView next = running.takeOver("b", Set.of(2L, 3L));
        assertThat(next.view().epoch()).isEqualTo(2);
        assertThat(next.view().members()).containsExactly("b", "c");
        assertThat(next.heldBy("b", 2)).isTrue();
        assertThat(running.takeOver("c", Set.of(3L)).view().members()).containsExactly("c"); // b died too
        assertThatThrownBy(() -> running.takeOver("a", Set.of(1L))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aJoinerIsAppendedWithItsSessionAndItsOldPlaceIsGivenUp() {
        RecordedView running = initial.claim("a", 1).claim("b", 2).claim("c", 3);
        RecordedView rejoined = running.withJoiner("b", 9);
        assertThat(rejoined.view().members()).containsExactly("a", "c", "b");
        assertThat(rejoined.heldBy("b", 9)).isTrue();
        assertThat(rejoined.view().epoch()).isEqualTo(1);
        assertThatThrownBy(() -> running.withJoiner("a", 9)).isInstanceOf(IllegalArgumentException.class);
        assertThat(running.without(List.of("c", "x")).view().members()).containsExactly("a", "b");
    }

    @Test
    void itSurvivesTheZnodeUnchanged() {
        RecordedView running = initial.claim("a", 0x1234_5678_9abcL).claim("c", -5L).takeOver("c", Set.of(-5L));
        assertThat(RecordedView.decode(running.encode())).isEqualTo(running);
        assertThat(RecordedView.decode(initial.encode())).isEqualTo(initial);
    }

    @Test
    void whatIsNotAViewIsRefusedWithAReason() {
        assertThatThrownBy(() -> RecordedView.decode(null)).hasMessageContaining("not a gridha view");
        assertThatThrownBy(() -> RecordedView.decode(new byte[RecordedView.MAX_BYTES + 1]))
                .hasMessageContaining("bytes");
        for (String text : List.of("hello", "gridha-view/1\nepoch=x\nmember=a 0\n", "gridha-view/1\nepoch=1\n",
                "gridha-view/1\nepoch=1\nmember=a zz\n", "gridha-view/1\nepoch=1\nmember=a 1\nmember=a 2\n",
                "gridha-view/1\nepoch=0\nmember=a 1\n", "gridha-view/1\nepoch=1\nbackup=a 1\n")) {
            assertThatThrownBy(() -> RecordedView.decode(text.getBytes(StandardCharsets.UTF_8)))
                    .as(text).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
