package io.flead.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LatencyMatchTest {

    @Test
    void latencyIsLandingMinusEntryForRowsEnteringInTheWindow() {
        Map<String, Long> entered = Map.of("a#1", 1000L, "a#2", 5000L, "b#1", 5100L, "b#2", 9000L);
        Map<String, Long> landed = Map.of("a#1", 1200L, "a#2", 5250L, "b#1", 5900L, "b#2", 9100L, "c#1", 7000L);
        LatencyMatch m = LatencyMatch.of(entered, landed, 2000, 8000);
        assertThat(m.latenciesMs()).containsExactlyInAnyOrder(250.0, 800.0);
        assertThat(m.outside()).isEqualTo(2);
        assertThat(m.unmatched()).isEqualTo(1);
    }
}
