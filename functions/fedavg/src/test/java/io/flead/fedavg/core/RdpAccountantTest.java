package io.flead.fedavg.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RdpAccountantTest {

    @Test
    void gaussianWithoutSamplingSpendsTheStandardConversionAtItsBestOrder() {
        // z = 1, one round: RDP alpha/2; eps = min over alpha of alpha/2 + ln(1e5)/(alpha-1) = 1/2 + 2 sqrt(ln(1e5)/2)
        assertThat(RdpAccountant.epsilon(1.0, 1.0, 1, 1e-5)).isCloseTo(5.29853, within(1e-5));
        // z = 2, 10 rounds: c = 10/8, eps = 1.25 + 2 sqrt(1.25 ln 1e5) = 8.83714
        assertThat(RdpAccountant.epsilon(2.0, 1.0, 10, 1e-5)).isCloseTo(8.83714, within(1e-5));
    }

    @Test
    void gaussianWithoutSamplingIsNoMoreThanTheConversionAtAnyOrderAndEqualsItAtTheBest() {
        double l = Math.log(1e5);
        for (double z : new double[] {0.8, 1.5, 4.0, 12.0, 40.0}) {
            for (long rounds : new long[] {1, 30, 1000}) {
                double eps = RdpAccountant.epsilon(z, 1.0, rounds, 1e-5);
                double best = Double.POSITIVE_INFINITY;
                for (double alpha = 1.001; alpha < 5_000; alpha *= 1.001) {
                    double at = rounds * alpha / (2 * z * z) + l / (alpha - 1);
                    assertThat(eps).isLessThanOrEqualTo(at + 1e-9);
                    best = Math.min(best, at);
                }
                assertThat(eps).as("z %s rounds %s", z, rounds).isCloseTo(best, within(1e-3 * best));
            }
        }
    }

    @Test
    void integerOrdersOfTheSampledFormApproachTheGaussianAsTheRateNearsOne() {
        for (double z : new double[] {0.8, 1.5, 4.0}) {
            double gaussian = RdpAccountant.epsilon(z, 1.0, 30, 1e-5);
            double almost = RdpAccountant.epsilon(z, 1.0 - 1e-9, 30, 1e-5);
            assertThat(almost).as("z %s", z).isGreaterThanOrEqualTo(gaussian - 1e-9).isLessThan(gaussian * 1.05);
        }
    }

    @Test
    void sampledGaussianRdpMatchesTheRenyiDivergenceIntegratedNumerically() {
        // A_alpha = E_{x ~ N(0, z^2)} [((1-q) + q exp((2x-1)/(2 z^2)))^alpha], integrated by the trapezoid rule
        for (double z : new double[] {0.7, 1.0, 2.5}) {
            for (double q : new double[] {0.01, 0.1, 0.5}) {
                for (int alpha : new int[] {2, 3, 8, 20}) {
                    double numeric = Math.log(integrate(z, q, alpha)) / (alpha - 1);
                    assertThat(RdpAccountant.rdp(z, q, alpha)).as("z %s q %s alpha %s", z, q, alpha)
                        .isCloseTo(numeric, within(1e-7 + 1e-6 * Math.abs(numeric)));
                }
            }
        }
    }

    private static double integrate(double z, double q, int alpha) {
        double lo = -15 * z;
        double hi = alpha + 15 * z; // the integrand peaks near x = alpha when q is large
        int steps = 400_000;
        double h = (hi - lo) / steps;
        double sum = 0;
        for (int i = 0; i <= steps; i++) {
            double x = lo + i * h;
            double logDensity = -x * x / (2 * z * z) - Math.log(z * Math.sqrt(2 * Math.PI));
            double ratio = (1 - q) + q * Math.exp((2 * x - 1) / (2 * z * z));
            double f = Math.exp(logDensity + alpha * Math.log(ratio));
            sum += (i == 0 || i == steps) ? f / 2 : f;
        }
        return sum * h;
    }

    @Test
    void samplingAmplifiesAndTheSampledFormAtRateOneIsTheGaussian() {
        assertThat(RdpAccountant.rdp(1.3, 1.0 - 1e-12, 7)).isCloseTo(7 / (2 * 1.3 * 1.3), within(1e-6));
        double full = RdpAccountant.epsilon(1.0, 1.0, 100);
        double quarter = RdpAccountant.epsilon(1.0, 0.25, 100);
        double hundredth = RdpAccountant.epsilon(1.0, 0.01, 100);
        assertThat(quarter).isLessThan(full);
        assertThat(hundredth).isLessThan(quarter);
    }

    @Test
    void epsilonGrowsWithRoundsAndShrinksWithNoise() {
        assertThat(RdpAccountant.epsilon(1.0, 1.0, 2)).isGreaterThan(RdpAccountant.epsilon(1.0, 1.0, 1));
        assertThat(RdpAccountant.epsilon(2.0, 0.1, 50)).isLessThan(RdpAccountant.epsilon(1.0, 0.1, 50));
        assertThat(RdpAccountant.epsilon(1.0, 1.0, 0)).isZero();
        assertThat(RdpAccountant.epsilon(0.0, 1.0, 3)).isInfinite();
    }

    @Test
    void noiseMultiplierForABudgetSpendsThatBudget() {
        for (double target : new double[] {1, 3, 8}) {
            double z = RdpAccountant.noiseMultiplierFor(target, 1.0, 30, 1e-5);
            assertThat(RdpAccountant.epsilon(z, 1.0, 30, 1e-5)).isLessThanOrEqualTo(target)
                .isCloseTo(target, within(0.01 * target));
        }
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> RdpAccountant.epsilon(1.0, 1.5, 1, 1e-5)).hasMessageContaining("sampling rate");
        assertThatThrownBy(() -> RdpAccountant.epsilon(1.0, 1.0, 1, 0)).hasMessageContaining("delta");
        assertThatThrownBy(() -> RdpAccountant.epsilon(-1, 1.0, 1, 1e-5)).hasMessageContaining("noise multiplier");
    }
}
