package io.flead.driftcheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MultipleTestingCorrectionTest {
    private static final double[] P = {0.04, 0.01, 0.5, 0.03, 0.02};

    @Test
    void bonferroniDividesAlphaByTheNumberOfTests() {
        assertThat(MultipleTestingCorrection.BONFERRONI.cutoff(P, 0.05)).isCloseTo(0.01, within(1e-12));
    }

    @Test
    void benjaminiHochbergRejectsUpToTheLargestPassingRank() {
        // sorted 0.01 0.02 0.03 0.04 0.5 against k*0.05/5 = 0.01 0.02 0.03 0.04 0.05: rank 4 passes
        assertThat(MultipleTestingCorrection.BENJAMINI_HOCHBERG.cutoff(P, 0.05)).isCloseTo(0.04, within(1e-12));
    }

    @Test
    void benjaminiHochbergFallsBackToBonferroniLevelWhenNothingPasses() {
        double[] p = {0.3, 0.2, 0.9};
        assertThat(MultipleTestingCorrection.BENJAMINI_HOCHBERG.cutoff(p, 0.03)).isCloseTo(0.01, within(1e-12));
    }

    @Test
    void untestedFeaturesDoNotCount() {
        double[] p = {0.004, Double.NaN, 0.5, Double.NaN};
        assertThat(MultipleTestingCorrection.BONFERRONI.cutoff(p, 0.01)).isCloseTo(0.005, within(1e-12));
    }

    @Test
    void configNamesRoundTrip() {
        for (MultipleTestingCorrection c : MultipleTestingCorrection.values()) {
            assertThat(MultipleTestingCorrection.fromConfigName(" " + c.configName().toUpperCase() + " ")).isEqualTo(c);
        }
        assertThat(MultipleTestingCorrection.fromConfigName("holm")).isNull();
    }
}
