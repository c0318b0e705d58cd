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
