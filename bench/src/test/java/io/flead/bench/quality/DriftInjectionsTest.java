package io.flead.bench.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.flead.model.EdgeIiotFeatures;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DriftInjectionsTest {
    private static final int D = EdgeIiotFeatures.MODEL.size();
    private static final int ROWS = 2_000;
    private static final int START = 1_000;
    /** tcp.len: present (non-zero) in about 90% of the rows, so it is the device's most present feature. */
    private static final int FEATURE = EdgeIiotFeatures.MODEL.indexOf("tcp.len");

    private static DeviceRows device() {
        Random random = new Random(3);
        float[] x = new float[ROWS * D];
        byte[] y = new byte[ROWS];
        for (int i = 0; i < ROWS; i++) {
            x[i * D + FEATURE] = random.nextDouble() < 0.9 ? (float) (100 + 10 * random.nextGaussian()) : 0f;
            x[i * D + EdgeIiotFeatures.MODEL.indexOf("mqtt.len")] = random.nextDouble() < 0.1 ? 5f : 0f;
            y[i] = (byte) (random.nextDouble() < 0.05 ? 1 : 0);
        }
        return new DeviceRows("device_1", ROWS, D, x, y);
    }

    private static DriftInjections injections() {
        float[] attack = new float[D];
        attack[FEATURE] = 7f;
        return new DriftInjections(List.of(attack), 3, Set.of(), 1L);
    }

    @Test
    void aStepShiftsOnlyTheNonZeroValuesOfTheMostPresentFeatureFromTheStartOn() {
        DeviceRows before = device();
        DriftInjections.Injected step = injections().inject(before, DriftKind.STEP_1_SIGMA, START);
        assertThat(step.feature()).isEqualTo("tcp.len");
        for (int i = 0; i < ROWS; i++) {
            float was = before.x()[i * D + FEATURE];
            float now = step.rows().x()[i * D + FEATURE];
            if (i < START || was == 0) {
                assertThat(now).isEqualTo(was);
            } else {
                assertThat((double) now - was).isCloseTo(10.0, within(0.8)); // one standard deviation, estimated
            }
        }
    }

    @Test
    void aVarianceChangeDoublesTheSpreadAndKeepsTheMean() {
        DeviceRows before = device();
        DriftInjections.Injected spread = injections().inject(before, DriftKind.VARIANCE, START);
        double sumBefore = 0;
        double sumAfter = 0;
        double sqBefore = 0;
        double sqAfter = 0;
        int n = 0;
        for (int i = START; i < ROWS; i++) {
            float was = before.x()[i * D + FEATURE];
            if (was != 0) {
                float now = spread.rows().x()[i * D + FEATURE];
                sumBefore += was;
                sumAfter += now;
                sqBefore += was * was;
                sqAfter += now * now;
                n++;
            }
        }
        double meanBefore = sumBefore / n;
        double meanAfter = sumAfter / n;
        assertThat(meanAfter).isCloseTo(meanBefore, within(1.0));
        double sdBefore = Math.sqrt(sqBefore / n - meanBefore * meanBefore);
        double sdAfter = Math.sqrt(sqAfter / n - meanAfter * meanAfter);
        assertThat(sdAfter / sdBefore).isCloseTo(2.0, within(0.01));
    }

    @Test
    void aNewAttackTakesItsShareOfTheRowsUnlabelledFromTheStartOn() {
        DeviceRows before = device();
        DriftInjections.Injected attack = injections().inject(before, DriftKind.NEW_ATTACK, START);
        assertThat(attack.feature()).isNull();
        int replaced = 0;
        for (int i = 0; i < ROWS; i++) {
            boolean isNew = attack.rows().type()[i] == 3;
            assertThat(isNew && i < START).isFalse();
            if (isNew) {
                replaced++;
                assertThat(attack.rows().x()[i * D + FEATURE]).isEqualTo(7f);
                assertThat(attack.labelledAttack()[i]).as("a new type arrives unlabelled").isFalse();
            } else {
                assertThat(attack.labelledAttack()[i]).isEqualTo(before.y()[i] == 1);
            }
        }
        assertThat(replaced / (double) (ROWS - START)).isCloseTo(DriftInjections.NEW_ATTACK_SHARE, within(0.05));
    }
}
