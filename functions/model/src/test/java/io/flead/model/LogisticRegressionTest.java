package io.flead.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    @Test
    void sigmoidAndLossAreStableAtExtremes() {
        assertThat(LogisticRegression.sigmoid(0)).isEqualTo(0.5);
        assertThat(LogisticRegression.sigmoid(-1000)).isEqualTo(0.0);
        assertThat(LogisticRegression.sigmoid(1000)).isEqualTo(1.0);
        assertThat(LogisticRegression.logLoss(1000, 1)).isCloseTo(0.0, within(1e-12));
        assertThat(LogisticRegression.logLoss(1000, 0)).isCloseTo(1000.0, within(1e-9));
        assertThat(LogisticRegression.logLoss(0, 1)).isCloseTo(Math.log(2), within(1e-12));
    }

    @Test
    void sgdReducesLossAndLearnsTheSignOfTheWeights() {
        int n = 2000;
        int d = 3;
        double[] z = new double[n * d];
        byte[] y = new byte[n];
        Random random = new Random(1);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[i * d + j] = random.nextGaussian();
            }
            double m = 2.0 * z[i * d] - 1.5 * z[i * d + 1] + 0.5;
            y[i] = (byte) (random.nextDouble() < LogisticRegression.sigmoid(m) ? 1 : 0);
        }
        double[] theta = new double[d + 1];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double before = LogisticRegression.meanLoss(theta, z, y, n, d);
        LogisticRegression lr = new LogisticRegression(0.1, 1e-4, 0.0, 16);
        for (int e = 0; e < 5; e++) {
            lr.epoch(z, y, order, n, d, theta, theta.clone(), new double[d + 1]);
        }
        double after = LogisticRegression.meanLoss(theta, z, y, n, d);
        assertThat(after).isLessThan(before * 0.8);
        assertThat(theta[0]).isBetween(1.4, 2.6);
        assertThat(theta[1]).isBetween(-2.1, -0.9);
        assertThat(Math.abs(theta[2])).isLessThan(0.3);
    }

    @Test
    void proximalTermKeepsWeightsNearTheAnchor() {
        int n = 200;
        int d = 1;
        double[] z = new double[n];
        byte[] y = new byte[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            z[i] = i % 2 == 0 ? 1 : -1;
            y[i] = (byte) (i % 2 == 0 ? 1 : 0);
            order[i] = i;
        }
        double[] anchor = {0.0, 0.0};
        double[] free = anchor.clone();
        double[] prox = anchor.clone();
        new LogisticRegression(0.1, 0.0, 0.0, 10).epoch(z, y, order, n, d, free, anchor, new double[2]);
        new LogisticRegression(0.1, 0.0, 5.0, 10).epoch(z, y, order, n, d, prox, anchor, new double[2]);
        assertThat(prox[0]).isPositive().isLessThan(free[0] * 0.5);
    }
}
