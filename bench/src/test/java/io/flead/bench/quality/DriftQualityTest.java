package io.flead.bench.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.driftcheck.core.DriftSettings;
import org.junit.jupiter.api.Test;

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
    void aDetectorThatNeverAlertsFailsTheDelayTarget() {
        // the harness must be able to fail: thresholds nobody reaches give only missed runs
        DriftSettings deaf = new DriftSettings(500, 100, 0.05, 1e6, 1e6, 1e-4, 1e-300, 1e-300,
            DriftSettings.DEFAULTS.correction(), 100, 0.01, 1e9, 100, 3_600_000L);
        DriftQuality.Figures f = DriftQuality.measure(new DriftQuality.Plan(3, 600, 1, 2_000, 1L), deaf);
        assertThat(f.missedRuns()).isEqualTo(3);
        assertThat(f.detectionDelaySamples()).isEqualTo(600.0);
        assertThat(f.falseAlarmsPer10k()).isZero();
    }
}
