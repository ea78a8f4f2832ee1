package dev.gridha.manager.aging;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decides from one container's memory samples whether it is aging (see {@link AgingPolicy}). One detector per
 * container incarnation: after a rejuvenation the restarted container starts with a fresh one. Pure: the
 * samples carry their time; not thread-safe (the manager's sampling thread owns it).
 */
public final class AgingDetector {

    private final AgingPolicy policy;
    private final Deque<MemorySample> window = new ArrayDeque<>();
    private int agreeing;

    public AgingDetector(AgingPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Takes the next sample (in time order) and says whether the container is aging now. */
    public Assessment observe(MemorySample sample) {
        Objects.requireNonNull(sample, "sample");
        if (!window.isEmpty() && sample.atMillis() <= window.peekLast().atMillis()) {
            throw new IllegalArgumentException("samples must come in time order: " + sample.atMillis() + " after "
                    + window.peekLast().atMillis());
        }
        window.addLast(sample);
        while (window.size() > policy.window()) {
            window.removeFirst();
        }
        Optional<Trend> trend = window.size() >= 3 ? Optional.of(Trend.fit(new ArrayList<>(window)))
                : Optional.empty();
        String trigger = trigger(sample, trend);
        if (trigger == null) {
            agreeing = 0;
            return new Assessment(false, "healthy: " + percent(sample.usedFraction()) + " of the heap in use"
                    + trend.map(t -> ", " + describe(t)).orElse(""), trend);
        }
        agreeing++;
        if (agreeing < policy.confirmations()) {
            return new Assessment(false, trigger + " (" + agreeing + " of " + policy.confirmations()
                    + " samples in a row needed)", trend);
        }
        return new Assessment(true, trigger, trend);
    }

    /**
     * What says aging in this sample, or null: the threshold, the forecast, or both (both are named, so the
     * event log tells whether the forecast saw it coming where the threshold also fired).
     */
    private String trigger(MemorySample sample, Optional<Trend> trend) {
        List<String> triggers = new ArrayList<>(2);
        if (sample.usedFraction() >= policy.threshold()) {
            triggers.add("threshold: " + percent(sample.usedFraction()) + " of the heap in use, threshold "
                    + percent(policy.threshold()));
        }
        OptionalLong left = trend.map(Trend::millisToExhaustion).orElse(OptionalLong.empty());
        if (left.isPresent() && left.getAsLong() <= policy.forecastHorizonMillis()) {
            triggers.add("forecast: heap exhausted in " + seconds(left.getAsLong()) + " at the recent trend ("
                    + describe(trend.get()) + "), a rejuvenation needs " + seconds(policy.rejuvenationTime().toMillis())
                    + " x " + policy.margin());
        }
        return triggers.isEmpty() ? null : String.join("; ", triggers);
    }

    private static String describe(Trend trend) {
        return String.format(java.util.Locale.ROOT, "%+.1f KiB/s", trend.bytesPerSecond() / 1024);
    }

    private static String percent(double fraction) {
        return String.format(java.util.Locale.ROOT, "%.0f%%", fraction * 100);
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
