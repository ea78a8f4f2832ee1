package dev.gridha.bench.failover;

import java.util.List;
import java.util.Locale;

/** The failover benchmark's results as Markdown, beside the thesis's Table III.4. */
public final class FailoverReport {

    /** Thesis Table III.4 (median ms, detection excluded) for 1, 2, 4, 8, 16 clients. */
    private static final List<Integer> THESIS_CLIENTS = List.of(1, 2, 4, 8, 16);
    private static final List<Integer> THESIS_MILLIS = List.of(189, 215, 524, 896, 1989);

    private FailoverReport() {
    }

    public static String markdown(List<FailoverBenchmark.Point> points) {
        StringBuilder markdown = new StringBuilder("| clients | thesis Table III.4 (ms, detection excluded) |"
                + " client gap median (ms) | client gap max (ms) | kill -> first reply (ms) | acknowledged |"
                + " final value | doubled | errors |\n|---|---|---|---|---|---|---|---|---|\n");
        for (FailoverBenchmark.Point p : points) {
            int thesis = THESIS_CLIENTS.indexOf(p.clients());
            markdown.append(String.format(Locale.ROOT, "| %d | %s | %.0f | %.0f | %.0f | %,d | %,d | %d | %d |%n",
                    p.clients(), thesis < 0 ? "-" : THESIS_MILLIS.get(thesis).toString(), p.medianGapMillis(),
                    p.maxGapMillis(), p.firstReplyMillis(), p.acknowledged(), p.finalValue(), p.duplicateReplies(),
                    p.errors()));
        }
        if (points.stream().anyMatch(p -> !Double.isNaN(p.notice().afterKillMillis()))) {
            markdown.append("\nFAILURE notification (the thesis's measure: the new primary's announcement reaching"
                    + " the clients' watch):\n\n| clients | kill -> notice heard (ms) | promoted -> notice heard (ms) |\n"
                    + "|---|---|---|\n");
            for (FailoverBenchmark.Point p : points) {
                markdown.append(String.format(Locale.ROOT, "| %d | %.0f | %s |%n", p.clients(),
                        p.notice().afterKillMillis(), promotedToNotice(p)));
            }
        }
        markdown.append("\nA client's gap runs from its last reply from the killed primary to its first from the new"
                + " one: detection (heartbeat timeout), promotion and the client's resubmission. Promotion as the"
                + " new primary logged it:\n\n");
        for (FailoverBenchmark.Point p : points) {
            markdown.append("- ").append(p.clients()).append(" clients: ")
                    .append(p.promotionReport().isBlank() ? "(not logged)" : p.promotionReport().strip())
                    .append('\n');
        }
        return markdown.toString();
    }

    /**
     * From the end of the promotion (the time stamp of the promoted replica's log line) to the notice heard,
     * in milliseconds; "-" when either is missing. Same machine, same clock, millisecond resolution.
     */
    public static String promotedToNotice(FailoverBenchmark.Point p) {
        java.util.regex.Matcher stamp = java.util.regex.Pattern.compile("\\| (\\d{2}:\\d{2}:\\d{2}\\.\\d{3}) ")
                .matcher(p.promotionReport());
        if (p.notice().heardAt() == null || !stamp.find()) {
            return "-";
        }
        java.time.LocalTime promoted = java.time.LocalTime.parse(stamp.group(1));
        return String.valueOf(java.time.Duration.between(promoted, p.notice().heardAt()).toMillis());
    }
}
