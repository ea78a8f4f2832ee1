package dev.gridha.bench.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClientHistoryTest {

    @Test
    void theGapRunsFromTheLastReplyOfTheOldPrimaryToTheFirstOfTheNew() {
        ClientHistory history = new ClientHistory();
        history.replied(100, 1, true);
        history.replied(200, 2, true);
        history.replied(260, 3, true); // sent before the kill at 250, read after it
        history.replied(900, 4, false);
        history.replied(950, 5, false);
        assertThat(history.gapAround(250)).hasValue(640);
        assertThat(history.firstReplyFromNew()).hasValue(900);
        assertThat(history.repliesFromNew()).isEqualTo(2);
    }

    @Test
    void aClientWithNoReplyFromTheOldPrimaryCountsFromTheCrashAndOneWithNoneFromTheNewHasNoGap() {
        ClientHistory late = new ClientHistory();
        late.replied(900, 1, false);
        assertThat(late.gapAround(250)).hasValue(650);

        ClientHistory stuck = new ClientHistory();
        stuck.replied(100, 1, true);
        assertThat(stuck.gapAround(250)).isEmpty();
    }

    @Test
    void aPointCountsDoubledValuesErrorsAndClientsThatNeverGotThrough() {
        ClientHistory a = new ClientHistory();
        a.replied(100, 1, true);
        a.replied(600, 3, false);
        ClientHistory b = new ClientHistory();
        b.replied(150, 2, true);
        b.replied(700, 3, false); // the same value twice: an add counted twice
        ClientHistory c = new ClientHistory();
        c.replied(120, 4, true);
        c.failed(300, new IllegalStateException("gave up"));

        FailoverBenchmark.Point point = FailoverBenchmark.point(3, List.of(a, b, c), 200, 4, "");

        assertThat(point.gapsMillis()).containsExactly(400e-6, 500e-6);
        assertThat(point.firstReplyMillis()).isEqualTo(400e-6);
        assertThat(point.acknowledged()).isEqualTo(5);
        assertThat(point.duplicateReplies()).isEqualTo(1);
        assertThat(point.errors()).isEqualTo(2); // c's failure, and c never got through again
    }
}
