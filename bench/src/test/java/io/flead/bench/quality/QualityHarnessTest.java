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
 * The scaled-down quality harness on a generated fleet of 60 devices x 500 rows (200 held out each):
 * federated learning must come close to centralised training, beat local-only training, survive a x1000
 * scaling attack with the robust strategy (while plain FedAvg visibly breaks) and reject poisoned updates.
 */
class QualityHarnessTest {
    @TempDir
    static Path dir;
    static QualityReport report;

    @BeforeAll
    static void runHarness() {
        GeneratorConfig config = GeneratorConfig.defaults().withDevices(60).withRows(500).withHoldoutRows(200)
            .withSeed(42).withThreads(1);
        DeviceDataGenerator.generate(config, dir);
        FleetData data = FleetData.load(dir, EdgeIiotFeatures.NUMERIC);
        report = new QualityHarness(HarnessConfig.defaults().withRounds(20), line -> { }).run(data);
        new QualityPrinter(System.out).print(report);
    }

    @Test
    void readsEveryTrainingAndHeldOutRow() {
        assertThat(report.devices()).isEqualTo(60);
        assertThat(report.trainRows()).isEqualTo(60 * 500);
        assertThat(report.holdoutRows()).isEqualTo(60 * 200);
    }

    @Test
    void federatedComesWithinThreePointsOfCentralisedOnNonIidDevices() {
        assertThat(report.centralized().f1()).isGreaterThan(0.75);
        assertThat(report.gapPp()).isLessThanOrEqualTo(3.0);
        assertThat(report.roundsToWithin2pp()).isBetween(1L, 20L);
    }

    @Test
    void federatedRanksAttacksAboveNormalTraffic() {
        assertThat(report.federated().verdicts().auc()).isGreaterThanOrEqualTo(0.93);
    }

    @Test
    void federatedBeatsEachDeviceAlone() {
        assertThat(report.federated().verdicts().f1()).isGreaterThan(report.localOnly().f1() + 0.05);
    }

    @Test
    void iidPartitionAlsoComesWithinThreePoints() {
        assertThat(report.gapIidPp()).isLessThanOrEqualTo(3.0);
    }

    @Test
    void robustAggregationStaysWithinTwoPointsUnderAScalingAttackWhilePlainFedAvgBreaks() {
        double clean = report.federated().verdicts().f1();
        assertThat(report.attackRobust().verdicts().f1()).isGreaterThanOrEqualTo(clean - 0.02);
        assertThat(report.attackFedavg().verdicts().f1()).isLessThan(clean - 0.2);
    }

    @Test
    void poisonedUpdatesAreAllRejectedWithReasonsAndTheRoundCompletes() {
        assertThat(report.poison().allRejectedWithReasons()).as(report.poison().reasons().toString()).isTrue();
        assertThat(report.poison().reasons()).hasSize(5);
        assertThat(report.poison().roundCompleted()).isTrue();
    }
}
