package io.flead.bench.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.datagen.DeviceDataGenerator;
import io.flead.datagen.Difficulty;
import io.flead.datagen.GeneratorConfig;
import io.flead.model.EdgeIiotFeatures;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality harness on the hard generator, scaled down (60 devices, 1,000 rows on average, seed 42, a quarter of the
 * devices per round as in {@code flead bench quality}): the planted values no longer give the attacks away (the issue's
 * baseline targets), yet centralised logistic regression on the model's features still learns them, federation
 * catches attack types new to a device that the device alone misses, and devices that never trained do about as well.
 */
class HardDifficultyTest {
    @TempDir
    static Path dir;
    static FleetData data;
    static Baselines baselines;
    static Verdicts centralized;
    static QualityReport report;
    static GbtBaseline gbt;

    @BeforeAll
    static void generate() {
        DeviceDataGenerator.generate(GeneratorConfig.defaults().withDevices(60).withRows(1000).withHoldoutRows(200)
            .withSeed(42).withThreads(1).withDifficulty(Difficulty.HARD), dir);
        data = FleetData.load(dir, EdgeIiotFeatures.MODEL);
        report = new QualityHarness(HarnessConfig.defaults().withParticipation(0.25), line -> { })
            .run(data, DeviceKinds.read(dir));
        new QualityPrinter(System.out).print(report);
        gbt = GbtBaseline.run(data, DeviceKinds.read(dir), HarnessConfig.defaults(), GbtArm.Settings.defaults());
        gbt.metrics(report.centralized().f1()).forEach(new QualityPrinter(System.out)::print);
        baselines = report.baselines();
        centralized = report.centralized();
        System.out.printf(Locale.ROOT, "hard: rules %.4f, single feature %.4f (%s), centralized %.4f auc %.4f%n",
            baselines.rules().f1(), baselines.singleFeatureEval().f1(),
            baselines.singleFeature().describe(data.featureNames()), centralized.f1(), centralized.auc());
    }

    @Test
    void rowCountsHaveALongTail() {
        int[] rows = data.train().stream().mapToInt(DeviceRows::n).sorted().toArray();
        assertThat(rows[0]).isLessThan(300);
        assertThat(rows[rows.length - 1]).isGreaterThan(2000);
    }

    @Test
    void theSignatureRulesAndTheBestSingleFeatureFallBelowTheIssueTargets() {
        assertThat(baselines.rules().f1()).isLessThanOrEqualTo(0.70);
        assertThat(baselines.singleFeatureEval().f1()).isLessThanOrEqualTo(0.45);
    }

    @Test
    void centralisedLearningStillReachesTheTarget() {
        assertThat(centralized.f1()).isGreaterThanOrEqualTo(0.85);
        assertThat(centralized.auc()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void federatedStandsFifteenPointsAboveTheRulesAndRanksAttacksFirst() {
        assertThat(report.federated().verdicts().f1()).isGreaterThanOrEqualTo(baselines.rules().f1() + 0.15);
        assertThat(report.federated().verdicts().auc()).isGreaterThanOrEqualTo(0.95);
    }

    /**
     * What the linear model leaves on the table: over seeds 42-44 the trees scored from level with the logistic model
     * to 3.8 points above it, with a ROC-AUC of 0.968 to 0.977; matching is taken as within one point.
     */
    @Test
    void gradientBoostedTreesMatchOrBeatTheLogisticModelAndStandFifteenPointsAboveTheRules() {
        assertThat(gbt.heldOut().f1()).isGreaterThanOrEqualTo(centralized.f1() - 0.01);
        assertThat(gbt.heldOut().auc()).isGreaterThanOrEqualTo(0.95);
        assertThat(gbt.heldOut().f1()).isGreaterThanOrEqualTo(baselines.rules().f1() + 0.15);
        assertThat(gbt.newKind()).isEqualTo(report.splits().newKind());
        assertThat(gbt.newKindF1()).isBetween(0.0, 1.0);
    }

    @Test
    void attackTypesNewToADeviceAreCaughtFederatedAndMostlyMissedAlone() {
        SplitReport s = report.splits();
        assertThat(s.novelRows()).isGreaterThan(200);
        assertThat(s.novelRecallFederated()).isGreaterThanOrEqualTo(s.novelRecallLocalOnly() + 0.40);
        assertThat(s.novelRecallLocalOnly()).isLessThanOrEqualTo(0.30);
    }

    @Test
    void aDeviceKindAbsentFromTrainingIsMeasured() {
        SplitReport s = report.splits();
        assertThat(s.newKind()).isNotNull();
        assertThat(s.newKindF1()).isBetween(0.0, 1.0);
        assertThat(s.newKindSeenF1()).isGreaterThan(0.8);
    }

    @Test
    void devicesThatNeverTrainedScoreWithinThreePointsOfThoseThatDidAndFarAboveTheBaselinesThere() {
        SplitReport s = report.splits();
        assertThat(s.unseenGapPp()).isLessThanOrEqualTo(3.0);
        assertThat(s.unseenF1()).isGreaterThanOrEqualTo(s.unseenRulesF1() + 0.15);
        assertThat(s.unseenF1()).isGreaterThanOrEqualTo(s.unseenSingleFeatureF1() + 0.15);
    }
}
