package io.flead.bench.e2e;

import io.flead.bench.latency.Percentiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Latency by when rows entered Kafka, in buckets of fixed length from the first row: shows warm-up and steady state (pure). */
public final class LatencyProfile {
    private LatencyProfile() {
    }

    /** One bucket: rows entering in [startS, startS + length), their anomalies' count and latency percentiles. */
    public record Bucket(long startS, int count, double p50, double p99) {
    }

    public static List<Bucket> of(Map<String, Long> enteredMs, Map<String, Long> landedMs, long firstMs, long bucketMs) {
        Map<Long, List<Double>> byBucket = new TreeMap<>();
        landedMs.forEach((key, landed) -> {
            Long entered = enteredMs.get(key);
            if (entered != null && entered >= firstMs) {
                byBucket.computeIfAbsent((entered - firstMs) / bucketMs, b -> new ArrayList<>())
                    .add((double) (landed - entered));
            }
        });
        List<Bucket> buckets = new ArrayList<>();
        byBucket.forEach((b, samples) -> {
            Percentiles p = Percentiles.of(samples.stream().mapToDouble(Double::doubleValue).toArray());
            buckets.add(new Bucket(b * bucketMs / 1000, p.count(), p.at(50), p.at(99)));
        });
        return buckets;
    }
}
