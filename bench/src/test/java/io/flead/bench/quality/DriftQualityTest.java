package io.flead.bench.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.datagen.DeviceDataGenerator;
import io.flead.datagen.GenerationReport;
import io.flead.driftcheck.core.DriftSettings;
import io.flead.driftcheck.core.ReferenceMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftQualityTest {

    @Test
    void scaledDownHarnessDetectsOneSigmaStepsQuicklyWithFewFalseAlarms() {
        DriftQuality.Figures f = DriftQuality.measure(DriftQuality.Plan.scaledDown(), DriftSettings.DEFAULTS);
        f.metricLines().forEach(System.out::println);

        assertThat(f.missedRuns()).isZero();
        assertThat(f.detectionDelaySamples()).isPositive().isLessThanOrEqualTo(500.0);
        assertThat(f.stationarySamples()).isEqualTo(200_000L);
        assertThat(f.falseAlarmsPer10k()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void globalReferenceModeMeetsTheSameTargetsOnIdenticallyDistributedStreams() {
        DriftSettings global = DriftSettings.DEFAULTS.withReferenceMode(ReferenceMode.GLOBAL);
        DriftQuality.Figures f = DriftQuality.measure(DriftQuality.Plan.scaledDown(), global);
        f.metricLines(".global").forEach(System.out::println);

        assertThat(f.missedRuns()).isZero();
        assertThat(f.detectionDelaySamples()).isLessThanOrEqualTo(500.0);
        assertThat(f.falseAlarmsPer10k()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void aDetectorThatNeverAlertsFailsTheDelayTarget() {
        // the harness must be able to fail: thresholds nobody reaches give only missed runs
        DriftSettings deaf = new DriftSettings(500, 100, 0.05, 1e6, 1e6, 1e-4, 1e-300, 1e-300,
            DriftSettings.DEFAULTS.correction(), 100, 0.01, 1e9, 100, 3_600_000L, DriftSettings.DEFAULTS.referenceMode(),
            100, 500, true, Set.of());
        DriftQuality.Figures f = DriftQuality.measure(new DriftQuality.Plan(3, 600, 1, 2_000, 1L), deaf);
        assertThat(f.missedRuns()).isEqualTo(3);
        assertThat(f.detectionDelaySamples()).isEqualTo(600.0);
        assertThat(f.falseAlarmsPer10k()).isZero();
    }

    @Test
    void datagenDriftedDevicesAreAlertedOnTheirDriftedFeaturesAndCleanDevicesRarely(@TempDir Path dir) {
        GenerationReport fleet = DeviceDataGenerator.generate(DriftQuality.fleetConfig(60), dir);
        List<DriftQuality.DeviceStream> rows = DriftQuality.readFleet(fleet);
        DriftQuality.FleetFigures device = DriftQuality.measureFleet(fleet, rows, DriftSettings.DEFAULTS);
        DriftQuality.FleetFigures global = DriftQuality.measureFleet(fleet, rows,
            DriftSettings.DEFAULTS.withReferenceMode(ReferenceMode.GLOBAL));
        device.metricLines("").forEach(System.out::println);
        global.metricLines(".global").forEach(System.out::println);

        assertThat(device.driftedDevices()).isEqualTo(fleet.driftedDevices().size()).isPositive();
        assertThat(device.detectedShare()).isGreaterThanOrEqualTo(0.8);
        assertThat(device.detectionDelayRows()).isLessThanOrEqualTo(300.0);
        // the budget the generator drift suite measures for clean devices: PSI and mean-shift findings at 7.3 per
        // 10k rows (GeneratorDriftSuite, default settings); these devices are tested over about 600 rows each
        // (1,200 rows less the 600 of their baseline), so 0.44 findings per device, and 1 - exp(-0.44) = 0.35 of
        // them with at least one
        assertThat(device.featureAlertsPerClean()).isLessThanOrEqualTo(0.45);
        assertThat(device.cleanAlertingShare()).isLessThanOrEqualTo(0.35);
        // why devices are compared with their own baseline: against the pooled fleet every device differs
        assertThat(global.cleanAlertingShare()).isGreaterThan(0.9);
        assertThat(global.featureAlertsPerClean()).isGreaterThan(10 * device.featureAlertsPerClean());
    }
}
