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
 * The attack section's key claims on a scaled-down fleet (30 devices x 400 rows on the hard generator, 10 rounds, every
 * device in every round): the robust settings survive 20% of the devices flipping their sign and one device claiming
 * 10^6 samples, where plain FedAvg does not; and poisoned pooled statistics break FedAvg but not trimmed pooling.
 */
class AttackSuiteTest {
    @TempDir
    static Path dir;
    static FleetData data;
    static AttackSuite suite;
    static double cleanRobust;
    static double cleanFedavg;
    static double cleanDefault;

    @BeforeAll
    static void generate() {
        DeviceDataGenerator.generate(GeneratorConfig.defaults().withDevices(30).withRows(400).withHoldoutRows(200)
            .withSeed(42).withThreads(1), dir);
        data = FleetData.load(dir, EdgeIiotFeatures.MODEL);
        suite = new AttackSuite(HarnessConfig.defaults().withRounds(10).withParticipation(1.0).withThreads(1)
            .withSeed(42), line -> { });
        cleanRobust = suite.f1(data, "robust", null, new boolean[30]);
        cleanFedavg = suite.f1(data, "fedavg", null, new boolean[30]);
        cleanDefault = suite.f1(data, "default", null, new boolean[30]);
    }

    private static boolean[] share(double s) {
        return FederatedArm.attackers(30, s, 42);
    }

    @Test
    void theRobustSettingsAndTheDefaultLearnAlmostAsWellAsFedAvgOnCleanDevices() {
        assertThat(cleanFedavg).isGreaterThan(0.8);
        assertThat(cleanRobust).isGreaterThan(cleanFedavg - 0.03);
        assertThat(cleanDefault).isGreaterThan(cleanFedavg - 0.01);
    }

    @Test
    void theRobustSettingsSurviveSignFlipsThatBreakFedAvg() {
        double fedavg = suite.f1(data, "fedavg", AttackKind.SIGN_FLIP, share(0.2));
        double robust = suite.f1(data, "robust", AttackKind.SIGN_FLIP, share(0.2));
        assertThat(fedavg).isLessThan(cleanFedavg - 0.1);
        assertThat(robust).isGreaterThan(cleanRobust - 0.03);
    }

    @Test
    void oneInflatedClaimBarelyMovesTheDefaultOrTheRobustSettingsAndMovesFedAvgByPoints() {
        boolean[] one = new boolean[30];
        one[7] = true;
        double fedavg = suite.f1(data, "fedavg", AttackKind.INFLATION, one);
        double robust = suite.f1(data, "robust", AttackKind.INFLATION, one);
        double deployed = suite.f1(data, "default", AttackKind.INFLATION, one);
        assertThat(Math.abs(cleanFedavg - fedavg)).isGreaterThan(0.05);
        assertThat(Math.abs(cleanRobust - robust)).isLessThan(0.02).isLessThan(Math.abs(cleanFedavg - fedavg) / 5);
        assertThat(Math.abs(cleanDefault - deployed)).isLessThan(0.02).isLessThan(Math.abs(cleanFedavg - fedavg) / 5);
    }

    @Test
    void poisonedStatisticsBreakFedAvgButNotTrimmedPooling() {
        double fedavg = suite.f1(data, "fedavg", AttackKind.STATS_POISON, share(0.2));
        double pooled = suite.f1(data, "robust_pooling", AttackKind.STATS_POISON, share(0.2));
        double cleanPooled = suite.f1(data, "robust_pooling", null, share(0.2));
        assertThat(fedavg).isLessThan(cleanFedavg - 0.1);
        assertThat(pooled).isGreaterThan(cleanPooled - 0.03);
    }
}
