package io.flead.driftcheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PsiTest {

    @Test
    void matchesHandComputedValue() {
        // (0.7-0.5)ln(0.7/0.5) + (0.3-0.5)ln(0.3/0.5) = 0.2*0.336472 + 0.2*0.510826
        assertThat(Psi.of(new double[] {0.5, 0.5}, new double[] {0.7, 0.3}, 1e-4)).isCloseTo(0.169460, within(1e-6));
    }

    @Test
    void identicalDistributionsHaveZeroPsi() {
        double[] p = {0.1, 0.2, 0.3, 0.4};
        assertThat(Psi.of(p, p.clone(), 1e-4)).isZero();
    }

    @Test
    void emptyBinIsSmoothedToEpsilon() {
        // (1-0.5)ln(2) + (1e-4-0.5)ln(1e-4/0.5): finite instead of infinite
        assertThat(Psi.of(new double[] {0.5, 0.5}, new double[] {1.0, 0.0}, 1e-4)).isCloseTo(4.604318, within(1e-6));
    }

    @Test
    void countsAreNormalisedBeforeTheSum() {
        assertThat(Psi.ofCounts(new double[] {50, 50}, new double[] {350, 150}, 1e-4)).isCloseTo(0.169460, within(1e-6));
    }

    @Test
    void runsOfSparseBinsArePooledAndPopulatedBinsStayAlone() {
        double[] expected = {1, 2, 30, 30, 30, 3, 4};
        double[] actual = {5, 0, 20, 20, 20, 10, 0};
        double[][] merged = Psi.mergeSparseBins(expected, actual, 0.05);
        assertThat(merged[0]).containsExactly(3, 30, 30, 30, 7);
        assertThat(merged[1]).containsExactly(5, 20, 20, 20, 10);
    }

    @Test
    void massMovingIntoASparseTailStaysVisible() {
        // a zero-inflated feature: zeros, a populated bin of non-zero values, a nearly empty tail above it
        double[] expected = {0, 468, 6, 4, 54, 458, 10, 0};
        double[] actual = {0, 470, 5, 5, 50, 120, 350, 0};
        double[][] merged = Psi.mergeSparseBins(expected, actual, 0.05);
        assertThat(merged[0]).containsExactly(0, 468, 10, 54, 458, 10);
        assertThat(Psi.ofCounts(merged[0], merged[1], 1e-4)).isGreaterThan(1.0);
    }
}
