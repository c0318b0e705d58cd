package io.flead.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LatencyProfileTest {

    @Test
    void bucketsRowsByEntryTimeFromTheFirstRow() {
        Map<String, Long> entered = Map.of("a#1", 10_000L, "a#2", 10_500L, "a#3", 15_200L, "a#4", 9_000L);
        Map<String, Long> landed = Map.of("a#1", 13_000L, "a#2", 11_500L, "a#3", 15_300L, "a#4", 9_100L);
        var buckets = LatencyProfile.of(entered, landed, 10_000, 5_000);
        assertThat(buckets).containsExactly(new LatencyProfile.Bucket(0, 2, 1000, 3000),
            new LatencyProfile.Bucket(5, 1, 100, 100));
    }
}
