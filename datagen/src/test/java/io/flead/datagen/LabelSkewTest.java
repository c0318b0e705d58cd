package io.flead.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hard mode's label skew follows {@code --label-skew-alpha}: small alpha concentrates each device's attacks. */
class LabelSkewTest {

    /** The mean, over devices with at least 50 attack rows, of the share of their attack rows of their top type. */
    private static double topTypeShare(Path dir, double alpha) {
        GenerationReport report = DeviceDataGenerator.generate(GeneratorConfig.defaults().withDevices(60).withRows(400)
            .withHoldoutRows(0).withSeed(7).withThreads(1).withDifficulty(Difficulty.HARD).withLabelSkewAlpha(alpha),
            dir);
        return report.devices().stream().filter(d -> d.trainingAttackRows() >= 50).mapToDouble(d -> {
            List<Integer> counts = d.trainingLabels().entrySet().stream()
                .filter(e -> !e.getKey().equals(AttackType.NORMAL.label())).map(Map.Entry::getValue).toList();
            return counts.stream().mapToInt(Integer::intValue).max().orElse(0) / (double) d.trainingAttackRows();
        }).average().orElseThrow();
    }

    @Test
    void aSmallerAlphaConcentratesEachDevicesAttacksOnFewerTypes(@TempDir Path skewed, @TempDir Path mild,
                                                                 @TempDir Path iid) {
        double alpha01 = topTypeShare(skewed, 0.1);
        double alpha1 = topTypeShare(mild, 1.0);
        double none = topTypeShare(iid, Double.POSITIVE_INFINITY);
        assertThat(alpha01).isGreaterThan(0.75);
        assertThat(alpha01).isGreaterThan(alpha1 + 0.1);
        assertThat(alpha1).isGreaterThan(none);
    }

    @Test
    void theFlagTakesAPositiveNumberOrIid() {
        assertThat(DatagenArguments.parse(new String[] {"--label-skew-alpha", "iid"}).config().labelSkewAlpha())
            .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(DatagenArguments.parse(new String[] {"--label-skew-alpha", "0.1"}).config().labelSkewAlpha())
            .isEqualTo(0.1);
        assertThat(GeneratorConfig.defaults().labelSkewAlpha()).isEqualTo(0.5);
        assertThatThrownBy(() -> DatagenArguments.parse(new String[] {"--label-skew-alpha", "0"}))
            .hasMessageContaining("--label-skew-alpha").hasMessageContaining("'0'");
        assertThatThrownBy(() -> DatagenArguments.parse(new String[] {"--label-skew-alpha", "skewed"}))
            .hasMessageContaining("--label-skew-alpha").hasMessageContaining("iid");
    }
}
