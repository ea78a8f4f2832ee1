package dev.gridha.bench.vm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.gridha.bench.rejuvenation.AnswerGap;

class VmRebootReportTest {

    private static final long SECOND = 1_000_000_000L;
    private static final VmRebootReport.Setup SETUP = new VmRebootReport.Setup(4, 30, 60, 2, 1536,
            "TCG (software emulation): PVM (kvm_pvm)");
    private static final GuestBoot BOOT = new GuestBoot(Accelerator.TCG, 1.2, 12.3, 69.0);

    @Test
    void theRowStandsBesideTheSeedsVmRebootFigure() {
        VmRebootBenchmark.Run run = new VmRebootBenchmark.Run(5000, 1234, 0, 1200,
                new AnswerGap(0, 71 * SECOND + SECOND / 2), 0.05, 12.8, 71.5, 40.0, 25.5, 30.1);

        String markdown = VmRebootReport.markdown(SETUP, BOOT, run);

        assertThat(markdown).contains(
                "| VM reboot | 758 / 92.5 s | 1,234 | 71.50 | 5,000 | 40.0 | 25.5 | 30.1 | 0.05 |",
                "TCG (software emulation)", "2 vCPUs, 1536 MiB", "page answered after 12.3 s",
                "data service after 69.0 s", "1,200 queries failed in between").doesNotContain("Not a clean run");
    }

    /** Run 0: the guest's JVM crashed 25 s before the reboot, and the row alone did not show it. */
    @Test
    void failuresBeforeTheRebootMarkTheRunAsNotClean() {
        VmRebootBenchmark.Run run = new VmRebootBenchmark.Run(22064, 6352, 5728, 627, new AnswerGap(0, 94 * SECOND),
                0.01, 5.7, 69.2, 53.7, 157.0, 88.5);

        assertThat(VmRebootReport.markdown(SETUP, BOOT, run)).contains("**Not a clean run**: 5,728 queries");
    }

    @Test
    void aServiceThatNeverCameBackSaysSoInsteadOfADowntime() {
        VmRebootBenchmark.Run run = new VmRebootBenchmark.Run(100, 900, 0, 900, new AnswerGap(0, 600 * SECOND), 0.05,
                12.8, Double.NaN, 40.0, 0, 2.0);

        assertThat(VmRebootReport.markdown(SETUP, BOOT, run)).contains("> 600.0 (no answer by the end)",
                "first query after never (within the limit)");
    }

    @Test
    void theFallbackIsLabelledALowerBound() {
        String markdown = VmRebootReport.pageMarkdown(SETUP, new GuestBoot(Accelerator.TCG, 1.0, 12.0, Double.NaN),
                new VmRebootBenchmark.PageRun(new AnswerGap(0, 9 * SECOND), 0.04));

        assertThat(markdown).contains("**a lower bound**", "| VM reboot (page only) | 758 / 92.5 s | 9.00 | 0.04 |",
                "data service after never");
    }

    @Test
    void theBootIdIsReadFromTheGuestsPage() {
        assertThat(GuestProbe.parseBootId("gridha-guest boot=5f5d-1a ready-at-uptime=2.14 kernel=6.1.0\n"))
                .contains("5f5d-1a");
        assertThat(GuestProbe.parseBootId("<html>502</html>")).isEmpty();
    }
}
