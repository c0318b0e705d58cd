package io.flead.model.forest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScoreSketchTest {
    @Test
    void upperQuantileFindsTheScoreAboveWhichTheShareLies() {
        long[] counts = ScoreSketch.empty();
        for (int i = 0; i < 1000; i++) {
            ScoreSketch.add(counts, (i + 0.5) / 1000.0); // uniform on (0, 1)
        }
        assertThat(ScoreSketch.upperQuantile(counts, 0.05)).isCloseTo(0.95, within(0.005));
        assertThat(ScoreSketch.upperQuantile(counts, 0.5)).isCloseTo(0.5, within(0.005));
    }

    @Test
    void mergedSketchesGiveThePooledQuantile() {
        long[] low = ScoreSketch.empty();
        long[] high = ScoreSketch.empty();
        for (int i = 0; i < 900; i++) {
            ScoreSketch.add(low, 0.40);
        }
        for (int i = 0; i < 100; i++) {
            ScoreSketch.add(high, 0.80);
        }
        ScoreSketch.merge(low, high);
        assertThat(ScoreSketch.total(low)).isEqualTo(1000);
        // the top 5% lie in the bin of 0.80; the top 20% reach into the bin of 0.40
        assertThat(ScoreSketch.upperQuantile(low, 0.05)).isBetween(0.80, 0.805);
        assertThat(ScoreSketch.upperQuantile(low, 0.2)).isBetween(0.40, 0.405);
    }

    @Test
    void anEmptySketchCallsNothingAnomalous() {
        assertThat(ScoreSketch.upperQuantile(ScoreSketch.empty(), 0.05)).isEqualTo(1.0);
    }
}
