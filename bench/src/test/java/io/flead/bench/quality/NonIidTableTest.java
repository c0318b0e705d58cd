package io.flead.bench.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.flead.datagen.DeviceDataGenerator;
import io.flead.datagen.Difficulty;
import io.flead.datagen.GeneratorConfig;
import io.flead.model.EdgeIiotFeatures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The non-IID table's row and the asynchrony figures on a scaled-down hard fleet (60 devices x 400 rows, alpha 0.5,
 * 30 rounds with half the devices): every strategy, the server optimisers included, learns to within a few points of
 * centralised training; dropping stale updates throws away the stale share of the work, while the staleness
 * weighting keeps it and stays close to the synchronous F1.
 */
class NonIidTableTest {
    @TempDir
    static Path dir;
    static FleetData data;
    static HarnessConfig config;
    static Map<String, Double> row;

    @BeforeAll
    static void runRow() {
        DeviceDataGenerator.generate(GeneratorConfig.defaults().withDevices(60).withRows(400).withHoldoutRows(100)
            .withSeed(42).withThreads(1).withDifficulty(Difficulty.HARD).withLabelSkewAlpha(0.5), dir);
        data = FleetData.load(dir, EdgeIiotFeatures.MODEL);
        NonIidTable table = new NonIidTable(new NonIidTable.Scale(60, 400, 100, 30, 0.5), HarnessConfig.defaults(),
            line -> { });
        config = HarnessConfig.defaults().withRounds(30).withParticipation(0.5);
        row = table.cells(data, 0.5).stream()
            .collect(Collectors.toMap(QualityPrinter.Metric::name, QualityPrinter.Metric::value));
        row.forEach((name, value) -> System.out.println("metric " + name + " " + value));
    }

    @Test
    void everyStrategyOfTheRowLearnsToWithinAFewPointsOfCentralised() {
        assertThat(row.get("quality.alpha_0_5.centralized.f1")).isGreaterThan(0.6);
        for (String strategy : NonIidTable.STRATEGIES) {
            assertThat(row.get("quality.alpha_0_5." + strategy + ".gap_pp")).as(strategy).isBetween(-8.0, 8.0);
        }
    }

    @Test
    void theAsynchronyFiguresAreNamedByDistributionAndWeighting() {
        assertThat(row).containsKeys("quality.async.sync.f1", "quality.async.measured.weighted.f1",
            "quality.async.measured.drop.f1", "quality.async.harsh.weighted.f1", "quality.async.harsh.drop.f1",
            "quality.async.measured.weighted_minus_drop_pp", "quality.async.harsh.weighted_minus_drop_pp");
        assertThat(row.get("quality.async.measured.weighted_minus_drop_pp")).isCloseTo(100
            * (row.get("quality.async.measured.weighted.f1") - row.get("quality.async.measured.drop.f1")), within(1e-9));
    }

    @Test
    void droppingRejectsTheStaleShareOfTheUpdatesWhileWeightingKeepsThemAll() {
        AsyncArm.Result drop = AsyncArm.run(data, config, StalenessDistribution.MEASURED, AsyncArm.Weighting.DROP);
        AsyncArm.Result weighted = AsyncArm.run(data, config, StalenessDistribution.MEASURED,
            AsyncArm.Weighting.WEIGHTED);
        // P(tau > 0) = 0.4, less in the first rounds, where fewer versions exist to be stale against
        assertThat((double) drop.staleRejected() / drop.updates()).isBetween(0.25, 0.5);
        assertThat(weighted.staleRejected()).isZero();
        assertThat(weighted.verdicts().f1()).isGreaterThan(row.get("quality.async.sync.f1") - 0.08);
    }

    @Test
    void stalenessIsDrawnWithItsProbabilities() {
        Random random = new Random(1);
        int[] counts = new int[5];
        for (int i = 0; i < 100_000; i++) {
            counts[StalenessDistribution.HARSH.draw(random)]++;
        }
        for (int k = 0; k < counts.length; k++) {
            assertThat(counts[k] / 100_000.0).isCloseTo(StalenessDistribution.HARSH.probabilities()[k], within(0.01));
        }
        assertThatThrownBy(() -> new StalenessDistribution("bad", new double[] {0.5, 0.4}))
            .hasMessageContaining("'bad'").hasMessageContaining("not 1");
    }

    @Test
    void alphasAreNamedAsInTheMetricsAndTheTablePrintsEveryRow() {
        assertThat(NonIidTable.alphaName(0.1)).isEqualTo("0_1");
        assertThat(NonIidTable.alphaName(0.5)).isEqualTo("0_5");
        assertThat(NonIidTable.alphaName(1.0)).isEqualTo("1");
        assertThat(NonIidTable.alphaName(Double.POSITIVE_INFINITY)).isEqualTo("iid");
        SeedSummary summary = new SeedSummary();
        for (double shift : new double[] {-1, 0, 1}) {
            summary.add(List.of(new QualityPrinter.Metric("quality.alpha_0_1.fedavg.gap_pp", -3 + shift, "pp"),
                new QualityPrinter.Metric("quality.alpha_iid.fedadam.gap_pp", 0.5 + shift, "pp")));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        NonIidTable.print(summary.intervals(), NonIidTable.Scale.DEFAULT, new PrintStream(bytes, true,
            StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        // mean -3, sd 1 over 3 seeds: half-width t(0.975, 2) / sqrt(3) = 4.303 / 1.732 = 2.48
        assertThat(table).contains("0.1").contains("-3.00 +/- 2.48").contains("iid").contains("+0.50 +/- 2.48");
    }
}
