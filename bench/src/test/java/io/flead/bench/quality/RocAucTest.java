package io.flead.bench.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RocAucTest {

    @Test
    void perfectRandomAndTiedScores() {
        byte[] labels = {0, 0, 1, 1};
        assertThat(RocAuc.of(new double[] {0.1, 0.2, 0.8, 0.9}, labels, 4)).isEqualTo(1.0);
        assertThat(RocAuc.of(new double[] {0.9, 0.8, 0.2, 0.1}, labels, 4)).isEqualTo(0.0);
        assertThat(RocAuc.of(new double[] {0.5, 0.5, 0.5, 0.5}, labels, 4)).isEqualTo(0.5);
    }

    @Test
    void countsPairsCorrectly() {
        // positives 0.4 and 0.8 against negatives 0.1, 0.5, 0.6: (0.4 beats 1) + (0.8 beats 3) = 4 of 6 pairs
        double auc = RocAuc.of(new double[] {0.1, 0.4, 0.5, 0.6, 0.8}, new byte[] {0, 1, 0, 0, 1}, 5);
        assertThat(auc).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(RocAuc.of(new double[] {1, 2}, new byte[] {1, 1}, 2)).isNaN();
    }
}
