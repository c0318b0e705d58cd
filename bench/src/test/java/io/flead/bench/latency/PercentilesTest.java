package io.flead.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOfOneToHundredIsTheRankItself() {
        double[] samples = new double[100];
        for (int i = 0; i < 100; i++) {
            samples[99 - i] = i + 1; // unsorted on purpose
        }
        Percentiles p = Percentiles.of(samples);
        assertThat(p.at(50)).isEqualTo(50.0);
        assertThat(p.at(90)).isEqualTo(90.0);
        assertThat(p.at(99)).isEqualTo(99.0);
        assertThat(p.at(100)).isEqualTo(100.0);
        assertThat(p.at(0.5)).isEqualTo(1.0);
    }

    @Test
    void roundsTheRankUpOnSmallSamples() {
        Percentiles p = Percentiles.of(new double[] {30, 10, 20});
        assertThat(p.at(50)).isEqualTo(20.0); // ceil(1.5) = rank 2
        assertThat(p.at(34)).isEqualTo(20.0); // ceil(1.02) = rank 2
        assertThat(p.at(33)).isEqualTo(10.0); // ceil(0.99) = rank 1
        assertThat(p.at(99)).isEqualTo(30.0);
    }

    @Test
    void doesNotSortTheCallersArray() {
        double[] samples = {3, 1, 2};
        Percentiles.of(samples);
        assertThat(samples).containsExactly(3, 1, 2);
    }

    @Test
    void rejectsNoSamplesAndPercentilesOutsideTheRange() {
        assertThatThrownBy(() -> Percentiles.of(new double[0])).hasMessageContaining("no latency samples");
        Percentiles p = Percentiles.of(new double[] {1});
        assertThatThrownBy(() -> p.at(0)).hasMessageContaining("percentile 0.0");
        assertThatThrownBy(() -> p.at(100.5)).hasMessageContaining("percentile 100.5");
    }
}
