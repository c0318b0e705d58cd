package io.flead.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FeatureStatsTest {

    @Test
    void mergeOfRandomSplitsEqualsSinglePass() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int d = 1 + random.nextInt(6);
            int n = 1 + random.nextInt(300);
            double[][] rows = randomRows(random, n, d);
            FeatureStats single = FeatureStats.of(rows, d);
            FeatureStats merged = mergeInRandomParts(random, rows, d);
            for (int j = 0; j < d; j++) {
                assertThat(merged.count(j)).isEqualTo(single.count(j));
                assertThat(merged.mean(j)).isCloseTo(single.mean(j), within(1e-9 * (1 + Math.abs(single.mean(j)))));
                assertThat(merged.m2(j)).isCloseTo(single.m2(j), within(1e-9 * (1 + single.m2(j))));
            }
        }
    }

    @Test
    void meanAndVarianceMatchTheTextbookFormulas() {
        FeatureStats stats = FeatureStats.of(new double[][] {{2}, {4}, {4}, {4}, {5}, {5}, {7}, {9}}, 1);
        assertThat(stats.mean(0)).isEqualTo(5.0);
        assertThat(stats.variance(0)).isCloseTo(4.0, within(1e-12));
        assertThat(stats.std(0)).isCloseTo(2.0, within(1e-12));
        assertThat(stats.zScore(0, 9.0)).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void missingValuesAreSkippedPerFeature() {
        FeatureStats stats = FeatureStats.of(new double[][] {{1, Double.NaN}, {3, 10}}, 2);
        assertThat(stats.count(0)).isEqualTo(2);
        assertThat(stats.count(1)).isEqualTo(1);
        assertThat(stats.mean(1)).isEqualTo(10.0);
        assertThat(stats.zScore(1, 10.0)).isZero();
        assertThat(stats.zScore(0, Double.NaN)).isZero();
    }

    @Test
    void mergeLeavesBothInputsUnchangedAndHandlesEmptySides() {
        FeatureStats a = FeatureStats.of(new double[][] {{1}, {2}}, 1);
        FeatureStats empty = new FeatureStats(1);
        FeatureStats merged = empty.merge(a);
        assertThat(merged).isEqualTo(a);
        assertThat(empty.count(0)).isZero();
        assertThat(a.merge(empty)).isEqualTo(a);
    }

    @Test
    void refusesDifferentDimensions() {
        assertThatThrownBy(() -> new FeatureStats(2).merge(new FeatureStats(3)))
            .hasMessageContaining("3 features").hasMessageContaining("2 features");
    }

    private static FeatureStats mergeInRandomParts(Random random, double[][] rows, int d) {
        FeatureStats total = new FeatureStats(d);
        int i = 0;
        while (i < rows.length) {
            int part = 1 + random.nextInt(rows.length - i);
            FeatureStats piece = new FeatureStats(d);
            for (int k = i; k < i + part; k++) {
                piece.add(rows[k]);
            }
            total = random.nextBoolean() ? total.merge(piece) : piece.merge(total);
            i += part;
        }
        return total;
    }

    private static double[][] randomRows(Random random, int n, int d) {
        double[][] rows = new double[n][d];
        double offset = random.nextGaussian() * 1e4;
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                row[j] = random.nextInt(10) == 0 ? Double.NaN : offset + random.nextGaussian() * (j + 1);
            }
        }
        return rows;
    }
}
