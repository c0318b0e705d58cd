package io.flead.bench.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.datagen.DeviceDataGenerator;
import io.flead.datagen.Difficulty;
import io.flead.datagen.GeneratorConfig;
import io.flead.model.EdgeIiotFeatures;
import io.flead.model.JsonCodec;
import io.flead.model.forest.ForestModel;
import io.flead.model.forest.ForestSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forest section on one hard fleet of the section's default size (40 devices, 500 rows on average, seed 42):
 * the federated forest ranks held-out attacks well above chance and above the max-|z| fallback without a label,
 * and its model is the same whatever the training labels say.
 */
class ForestSectionTest {
    @TempDir
    static Path dir;
    static FleetData data;
    static Map<String, Double> figures;

    @BeforeAll
    static void run() {
        DeviceDataGenerator.generate(GeneratorConfig.defaults().withDevices(40).withRows(500).withHoldoutRows(200)
            .withSeed(42).withThreads(1).withDifficulty(Difficulty.HARD), dir);
        data = FleetData.load(dir, EdgeIiotFeatures.MODEL);
        figures = ForestSection.figures(data, ForestSettings.defaults(), 3, 42).stream()
            .collect(Collectors.toMap(QualityPrinter.Metric::name, QualityPrinter.Metric::value));
        figures.forEach((k, v) -> System.out.println(k + " " + v));
    }

    @Test
    void theFederatedForestRanksAttacksAboveChanceAndAboveMaxZ() {
        assertThat(figures.get("quality.forest.federated.roc_auc")).isGreaterThan(0.72)
            .isGreaterThan(figures.get("quality.forest.max_z.roc_auc"));
        assertThat(figures.get("quality.forest.federated.pr_auc")).isGreaterThan(0.3);
        // F1 at the threshold chosen from pooled score sketches, not from labels
        assertThat(figures.get("quality.forest.federated.f1")).isGreaterThan(0.15);
    }

    @Test
    void theGlobalModelStaysWellUnderOneMegabyte() {
        assertThat(figures.get("quality.forest.model_bytes")).isLessThan(1024 * 1024);
    }

    @Test
    void trainingNeverReadsALabel() {
        ForestArms arms = new ForestArms(ForestSettings.defaults(), 2, 7);
        List<DeviceRows> flipped = data.train().stream()
            .map(d -> new DeviceRows(d.deviceId(), d.n(), d.d(), d.x(), invert(d.y()), d.type())).toList();
        ForestModel asGiven = arms.federated(data.train(), data.featureNames());
        ForestModel inverted = arms.federated(flipped, data.featureNames());
        assertThat(JsonCodec.encodeToString(inverted)).isEqualTo(JsonCodec.encodeToString(asGiven));
        assertThat(asGiven.trees()).hasSize(ForestSettings.defaults().maxTrees());
    }

    private static byte[] invert(byte[] y) {
        byte[] out = new byte[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = (byte) (1 - y[i]);
        }
        return out;
    }
}
