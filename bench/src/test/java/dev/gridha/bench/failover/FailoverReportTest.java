package dev.gridha.bench.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.Test;

class FailoverReportTest {

    private static FailoverBenchmark.Point point(String promotion, FailoverBenchmark.Notice notice) {
        return new FailoverBenchmark.Point(1, new double[] {240}, 230, 100, 100, 0, 0, promotion, notice);
    }

    @Test
    void promotionToNoticeIsTheNoticeTimeMinusThePromotedReplicasLogStamp() {
        String promotion = "killed at 09:16:38.600; r2 | 09:16:38.813 INFO  d.g.failover - r2 of group counter:"
                + " promoted to primary of epoch 2 [r2] in 61 ms";
        var heard = point(promotion, new FailoverBenchmark.Notice(260, LocalTime.parse("09:16:38.829")));
        assertThat(FailoverReport.promotedToNotice(heard)).isEqualTo("16");
        assertThat(FailoverReport.markdown(List.of(heard))).contains("| 1 | 260 | 16 |");

        var notListening = point(promotion, FailoverBenchmark.Notice.NONE);
        assertThat(FailoverReport.promotedToNotice(notListening)).isEqualTo("-");
        assertThat(FailoverReport.markdown(List.of(notListening))).doesNotContain("notice heard");
        assertThat(FailoverReport.promotedToNotice(point("(not logged)",
                new FailoverBenchmark.Notice(260, LocalTime.NOON)))).isEqualTo("-");
    }
}
