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

    @Test
    void aStageRunsFromItsStartToItsEndForRowsEnteringInTheWindow() {
        Map<String, Long> entered = Map.of("a#1", 1000L, "a#2", 5000L, "b#1", 5100L);
        Map<String, Long> onTopic = Map.of("a#1", 1100L, "a#2", 5040L, "b#1", 5300L);
        Map<String, Long> inTable = Map.of("a#1", 1200L, "a#2", 5250L);
        assertThat(LatencyMatch.stage(entered, onTopic, inTable, 2000, 8000)).containsExactly(210.0);
        assertThat(LatencyMatch.stage(entered, entered, onTopic, 2000, 8000)).containsExactlyInAnyOrder(40.0, 200.0);
    }
}
