package io.flead.bench.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SingleFeatureThresholdTest {
    private static final List<String> NAMES = List.of("noise", "signal");

    private static DeviceRows device(float[][] rows, int... labels) {
        float[] x = new float[rows.length * 2];
        byte[] y = new byte[rows.length];
        for (int i = 0; i < rows.length; i++) {
            x[2 * i] = rows[i][0];
            x[2 * i + 1] = rows[i][1];
            y[i] = (byte) labels[i];
        }
        return new DeviceRows("device_1", rows.length, 2, x, y);
    }

    @Test
    void picksTheFeatureAndCutThatSeparateTheTrainingRows() {
        DeviceRows train = device(new float[][] {{5, 1}, {1, 2}, {4, 3}, {2, 10}, {3, 11}, {6, 12}}, 0, 0, 0, 1, 1, 1);
        SingleFeatureThreshold rule = SingleFeatureThreshold.fit(List.of(train), 1000, 1);
        assertThat(rule.feature()).isEqualTo(1);
        assertThat(rule.above()).isTrue();
        assertThat(rule.threshold()).isEqualTo(10.0);
        assertThat(rule.trainF1()).isEqualTo(1.0);
        assertThat(rule.describe(NAMES)).isEqualTo("signal >= 10.0");
    }

    @Test
    void aLowValueCanBeTheAttackSignAndSoCanAMissingOne() {
        float nan = Float.NaN;
        DeviceRows train = device(new float[][] {{0, 50}, {0, 60}, {0, 70}, {0, 3}, {0, 4}, {0, nan}}, 0, 0, 0, 1, 1, 1);
        SingleFeatureThreshold rule = SingleFeatureThreshold.fit(List.of(train), 1000, 1);
        assertThat(rule.feature()).isEqualTo(1);
        assertThat(rule.above()).isFalse();
        assertThat(rule.threshold()).isEqualTo(4.0);
        assertThat(rule.missingIsAttack()).isTrue();
        assertThat(rule.trainF1()).isEqualTo(1.0);
    }

    @Test
    void theChoiceIsMadeOnTrainingRowsAndOnlyScoredOnHeldOutOnes() {
        DeviceRows train = device(new float[][] {{0, 1}, {0, 2}, {0, 8}, {0, 9}}, 0, 0, 1, 1);
        SingleFeatureThreshold rule = SingleFeatureThreshold.fit(List.of(train), 1000, 1);
        // on held-out rows the attacks sit low: the rule chosen on training rows misses them all
        DeviceRows holdout = device(new float[][] {{0, 1}, {0, 2}, {0, 8}, {0, 9}}, 1, 1, 0, 0);
        assertThat(rule.evaluate(List.of(holdout)).f1()).isEqualTo(0.0);
        assertThat(rule.evaluate(List.of(train)).f1()).isEqualTo(1.0);
    }
}
