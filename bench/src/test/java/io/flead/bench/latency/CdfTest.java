package io.flead.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CdfTest {

    @Test
    void everySampleIsAStepWhenThereAreFewSamples() {
        Cdf cdf = Cdf.of(Percentiles.of(new double[] {40, 10, 30, 20}), 100);
        assertThat(cdf.latencyMs()).containsExactly(10, 20, 30, 40);
        assertThat(cdf.fraction()).containsExactly(0.25, 0.5, 0.75, 1.0);
    }

    @Test
    void thinsLongRunsKeepingTheMinimumAndTheMaximum() {
        double[] samples = new double[1001];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = i;
        }
        Cdf cdf = Cdf.of(Percentiles.of(samples), 11);
        assertThat(cdf.latencyMs()).containsExactly(0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000);
        assertThat(cdf.fraction()[0]).isEqualTo(1 / 1001.0);
        assertThat(cdf.fraction()[5]).isEqualTo(501 / 1001.0);
        assertThat(cdf.fraction()[10]).isEqualTo(1.0);
    }

    @Test
    void fractionsNeverDecrease() {
        double[] samples = {5, 5, 5, 1, 9, 9, 2};
        Cdf cdf = Cdf.of(Percentiles.of(samples), 4);
        for (int i = 1; i < cdf.fraction().length; i++) {
            assertThat(cdf.fraction()[i]).isGreaterThan(cdf.fraction()[i - 1]);
            assertThat(cdf.latencyMs()[i]).isGreaterThanOrEqualTo(cdf.latencyMs()[i - 1]);
        }
    }

    @Test
    void csvHasOneRowPerPointLabelledWithItsProducers() {
        Map<Integer, Cdf> cdfs = new LinkedHashMap<>();
        cdfs.put(1, Cdf.of(Percentiles.of(new double[] {12.5, 7}), 10));
        cdfs.put(3, Cdf.of(Percentiles.of(new double[] {4}), 10));
        assertThat(Cdf.csv(cdfs)).isEqualTo("producers,latency_ms,fraction\n"
            + "1,7.000,0.500000\n"
            + "1,12.500,1.000000\n"
            + "3,4.000,1.000000\n");
    }

    @Test
    void needsAtLeastTwoPoints() {
        assertThatThrownBy(() -> Cdf.of(Percentiles.of(new double[] {1}), 1)).hasMessageContaining("maxPoints 1");
    }
}
