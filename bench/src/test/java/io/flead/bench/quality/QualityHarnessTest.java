package io.flead.bench.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.datagen.DeviceDataGenerator;
import io.flead.datagen.GeneratorConfig;
import io.flead.model.EdgeIiotFeatures;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scaled-down quality harness on a generated fleet of 60 devices x 500 rows (200 held out each), over
 * the model feature space ({@link EdgeIiotFeatures#MODEL}) and 30 rounds: federated learning must come within
 * 2 points of centralised training with a ROC-AUC of at least 0.95 (the targets), beat local-only
 * training, stay within 2 points under a x1000 scaling attack with the robust strategy (trimmed mean plus
 * clipping) while plain FedAvg visibly breaks, and reject poisoned updates.
 */
class QualityHarnessTest {
    /** The fleet's and the training's seed; {@code -Dquality.test.seed=N} runs the same assertions on another one. */
    static final long SEED = Long.getLong("quality.test.seed", 42);
    @TempDir
    static Path dir;
    static QualityReport report;
    static GbtBaseline gbt;

    @BeforeAll
    static void runHarness() {
        GeneratorConfig config = GeneratorConfig.defaults().withDevices(60).withRows(500).withHoldoutRows(200)
            .withSeed(SEED).withThreads(1);
        DeviceDataGenerator.generate(config, dir);
        FleetData data = FleetData.load(dir, EdgeIiotFeatures.MODEL);
        HarnessConfig harness = HarnessConfig.defaults().withRounds(30).withSeed(SEED);
        report = new QualityHarness(harness, line -> { }).run(data);
        new QualityPrinter(System.out).print(report);
        gbt = GbtBaseline.run(data, java.util.Map.of(), harness, GbtArm.Settings.defaults());
        gbt.metrics(report.centralized().f1()).forEach(new QualityPrinter(System.out)::print);
    }

    @Test
    void readsEveryTrainingAndHeldOutRow() {
        assertThat(report.devices()).isEqualTo(60);
        assertThat(report.trainRows()).isEqualTo(60 * 500);
        assertThat(report.holdoutRows()).isEqualTo(60 * 200);
    }

    @Test
    void federatedComesWithinTwoPointsOfCentralisedOnNonIidDevices() {
        assertThat(report.centralized().f1()).isGreaterThan(0.85);
        assertThat(report.gapPp()).isLessThanOrEqualTo(2.0);
        assertThat(report.roundsToWithin2pp()).isBetween(1L, 30L);
    }

    @Test
    void federatedRanksAttacksAboveNormalTraffic() {
        assertThat(report.federated().verdicts().auc()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void federatedBeatsEachDeviceAlone() {
        assertThat(report.federated().verdicts().f1()).isGreaterThan(report.localOnly().f1() + 0.05);
    }

    @Test
    void learnedModelsStandFifteenPointsAboveTheSignatureRulesAndTheBestSingleFeature() {
        double federated = report.federated().verdicts().f1();
        double rules = report.baselines().rules().f1();
        double single = report.baselines().singleFeatureEval().f1();
        // both baselines catch a real share of the attacks: they are baselines, not strawmen
        assertThat(rules).isGreaterThan(0.5);
        assertThat(single).isGreaterThan(0.3);
        assertThat(federated).isGreaterThanOrEqualTo(rules + 0.15);
        assertThat(federated).isGreaterThanOrEqualTo(single + 0.15);
    }

    @Test
    void federationCatchesAttackTypesADeviceNeverShowedWhereTheDeviceAloneMostlyDoesNot() {
        SplitReport s = report.splits();
        assertThat(s.novelRows()).isGreaterThan(100);
        assertThat(s.novelRecallFederated()).isGreaterThanOrEqualTo(0.80);
        assertThat(s.novelRecallLocalOnly()).isLessThan(0.45);
        assertThat(s.novelRecallFederated()).isGreaterThanOrEqualTo(s.novelRecallLocalOnly() + 0.40);
    }

    @Test
    void devicesThatNeverTrainedScoreWithinThreePointsOfThoseThatDid() {
        SplitReport s = report.splits();
        assertThat(s.unseenDevices()).isEqualTo(12);
        assertThat(s.unseenF1()).isGreaterThan(0.80);
        assertThat(s.unseenGapPp()).isLessThanOrEqualTo(3.0);
    }

    @Test
    void theWorstTenthOfDevicesDoesBetterFederatedThanAlone() {
        SplitReport s = report.splits();
        assertThat(s.federatedDevices().devices()).isEqualTo(s.localOnlyDevices().devices()).isGreaterThan(40);
        assertThat(s.federatedDevices().p10()).isGreaterThan(s.localOnlyDevices().p10() + 0.2);
        assertThat(s.federatedDevices().median()).isGreaterThan(s.localOnlyDevices().median());
    }

    /**
     * Over seeds 42-44 the trees scored 1.2 to 2.1 points above the logistic model on the held-out rows and from 1.2
     * points below to 1.0 above it on the unseen devices; matching is taken as within one point, and three.
     */
    @Test
    void gradientBoostedTreesMatchOrBeatTheLogisticModel() {
        assertThat(gbt.heldOut().f1()).isGreaterThanOrEqualTo(report.centralized().f1() - 0.01);
        assertThat(gbt.heldOut().auc()).isGreaterThanOrEqualTo(0.95);
        assertThat(gbt.unseenF1()).isGreaterThanOrEqualTo(report.splits().unseenCentralizedF1() - 0.03);
        assertThat(gbt.novelRecall()).isGreaterThanOrEqualTo(report.splits().novelRecallLocalOnly() + 0.30);
    }

    @Test
    void iidPartitionAlsoComesWithinTwoPoints() {
        assertThat(report.gapIidPp()).isLessThanOrEqualTo(2.0);
    }

    @Test
    void robustAggregationStaysWithinTwoPointsUnderAScalingAttackWhilePlainFedAvgStopsLearning() {
        double clean = report.federated().verdicts().f1();
        assertThat(report.attackRobust().verdicts().f1()).isGreaterThanOrEqualTo(clean - 0.02);
        assertThat(report.attackClipped().verdicts().f1()).isGreaterThanOrEqualTo(clean - 0.02);
        // the first weighted model is the discriminant of class moments, which scaled weights do not touch; from the
        // first averaging round on, the scaled updates swamp every step: plain FedAvg stops learning and ends well
        // below the clean run
        double firstAveraged = report.attackFedavg().trace().get(2).f1();
        assertThat(report.attackFedavg().verdicts().f1()).isLessThan(clean - 0.05);
        assertThat(report.attackFedavg().verdicts().f1()).isLessThanOrEqualTo(firstAveraged + 0.01);
    }

    @Test
    void poisonedUpdatesAreAllRejectedWithReasonsAndTheRoundCompletes() {
        assertThat(report.poison().allRejectedWithReasons()).as(report.poison().reasons().toString()).isTrue();
        assertThat(report.poison().reasons()).hasSize(5);
        assertThat(report.poison().roundCompleted()).isTrue();
    }
}
