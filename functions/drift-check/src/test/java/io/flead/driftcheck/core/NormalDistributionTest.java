package io.flead.driftcheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NormalDistributionTest {

    @Test
    void cdfMatchesTabulatedValues() {
        assertThat(NormalDistribution.cdf(0.0)).isCloseTo(0.5, within(1e-7));
        assertThat(NormalDistribution.cdf(1.959963985)).isCloseTo(0.975, within(1e-7));
        assertThat(NormalDistribution.cdf(-1.0)).isCloseTo(0.158655254, within(1e-7));
        assertThat(NormalDistribution.cdf(Double.NEGATIVE_INFINITY)).isZero();
    }

    @Test
    void twoSidedTailIsAccurateFarOut() {
        assertThat(NormalDistribution.twoSidedP(3.0)).isCloseTo(0.002699796, within(1e-8));
        // relative accuracy matters for corrected levels such as 1e-5 / 42
        assertThat(NormalDistribution.twoSidedP(6.0) / 1.973175e-9).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void quantileInvertsTheCdf() {
        assertThat(NormalDistribution.quantile(0.975)).isCloseTo(1.959963985, within(1e-7));
        assertThat(NormalDistribution.quantile(0.1)).isCloseTo(-1.281551566, within(1e-7));
        assertThat(NormalDistribution.quantile(1e-7)).isCloseTo(-5.199337582, within(1e-6));
        assertThatThrownBy(() -> NormalDistribution.quantile(1.0)).hasMessageContaining("got 1.0");
    }
}
