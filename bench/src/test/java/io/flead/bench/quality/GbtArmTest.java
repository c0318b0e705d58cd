package io.flead.bench.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GbtArmTest {
    /**
     * Attack when the two features share a sign (an interaction no single weight expresses), 10% of labels flipped,
     * feature 2 missing (NaN) on a third of the rows.
     */
    private static List<DeviceRows> devices(int count, int rows, long seed) {
        Random random = new Random(seed);
        List<DeviceRows> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            float[] x = new float[rows * 3];
            byte[] y = new byte[rows];
            for (int i = 0; i < rows; i++) {
                float a = (float) random.nextGaussian();
                float b = (float) random.nextGaussian();
                x[i * 3] = a;
                x[i * 3 + 1] = b;
                x[i * 3 + 2] = random.nextInt(3) == 0 ? Float.NaN : (float) random.nextGaussian();
                boolean attack = a * b > 0.3;
                y[i] = (byte) ((attack ^ random.nextDouble() < 0.1) ? 1 : 0);
            }
            out.add(new DeviceRows("device_" + k, rows, 3, x, y));
        }
        return out;
    }

    @Test
    void learnsAnInteractionALinearModelCannotAndChoosesItsThresholdOffTheTrainingFit() {
        List<DeviceRows> train = devices(20, 400, 1);
        List<DeviceRows> test = devices(5, 400, 2);
        GbtArm.Model model = GbtArm.train(train, new GbtArm.Settings(60, 4, 0.3), 1, 7);
        try {
            Verdicts v = model.evaluate(test);
            // 10% of labels flipped at random caps F1 near 0.9 and AUC near 0.9; a linear score is near 0.5 here
            assertThat(v.auc()).isGreaterThan(0.8);
            assertThat(v.f1()).isGreaterThan(0.75);
            assertThat(model.threshold()).isBetween(0.05, 0.95);
            assertThat(v.eval().total()).isEqualTo(5 * 400);
        } finally {
            model.booster().dispose();
        }
    }

    @Test
    void rejectsSettingsThatCannotTrain() {
        assertThatThrownBy(() -> new GbtArm.Settings(0, 6, 0.2)).hasMessageContaining("gbt rounds");
        assertThatThrownBy(() -> new GbtArm.Settings(10, 0, 0.2)).hasMessageContaining("gbt max_depth");
        assertThatThrownBy(() -> new GbtArm.Settings(10, 6, 1.5)).hasMessageContaining("gbt eta");
    }
}
