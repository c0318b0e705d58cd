package io.flead.bench.e2e;

import java.util.Map;

/**
 * Matches the time each row entered Kafka with the time its anomaly row was first queryable (pure).
 *
 * @param latenciesMs one sample per matched row that entered within the window
 * @param unmatched   landed rows with no known entry time
 * @param outside     matched rows that entered outside the window (warm-up, or after it)
 */
public record LatencyMatch(double[] latenciesMs, int unmatched, int outside) {

    /**
     * One stage of the way, {@code stageStartMs} to {@code stageEndMs}, for the rows that entered Kafka in
     * [{@code fromMs}, {@code toMs}]; rows without both stage times are left out.
     */
    public static double[] stage(Map<String, Long> enteredMs, Map<String, Long> stageStartMs,
                                 Map<String, Long> stageEndMs, long fromMs, long toMs) {
        return stageEndMs.entrySet().stream()
            .filter(e -> stageStartMs.containsKey(e.getKey()) && enteredMs.containsKey(e.getKey()))
            .filter(e -> enteredMs.get(e.getKey()) >= fromMs && enteredMs.get(e.getKey()) <= toMs)
            .mapToDouble(e -> e.getValue() - stageStartMs.get(e.getKey())).toArray();
    }

    /** Samples for the rows that entered Kafka in [{@code fromMs}, {@code toMs}]. */
    public static LatencyMatch of(Map<String, Long> enteredMs, Map<String, Long> landedMs, long fromMs, long toMs) {
        double[] samples = new double[landedMs.size()];
        int n = 0;
        int unmatched = 0;
        int outside = 0;
        for (Map.Entry<String, Long> e : landedMs.entrySet()) {
            Long entered = enteredMs.get(e.getKey());
            if (entered == null) {
                unmatched++;
            } else if (entered < fromMs || entered > toMs) {
                outside++;
            } else {
                samples[n++] = e.getValue() - entered;
            }
        }
        return new LatencyMatch(java.util.Arrays.copyOf(samples, n), unmatched, outside);
    }
}
