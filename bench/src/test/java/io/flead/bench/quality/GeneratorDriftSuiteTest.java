package io.flead.bench.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.driftcheck.core.DriftSettings;
import io.flead.model.EdgeIiotFeatures;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeneratorDriftSuiteTest {

    @Test
    void scaledDownSuiteFindsEveryInjectedDriftAndKeepsCleanDevicesWithinTheMeasuredBudget() throws Exception {
        GeneratorDriftSuite.Plan plan = GeneratorDriftSuite.Plan.scaledDown();
        DriftSuiteFigures f = new GeneratorDriftSuite(plan, DriftSettings.DEFAULTS, System.out::println).run();
        f.metricLines().forEach(System.out::println);

        assertThat(f.cleanRows()).isGreaterThan(50_000L);
        for (DriftKind kind : DriftKind.values()) {
            // devices long enough for a drift at row 1,500 and its bound (hard-mode devices vary in length)
            assertThat(f.delay(kind).runs()).as(kind.metricName()).isEqualTo(f.delay(DriftKind.RAMP).runs())
                .isGreaterThanOrEqualTo(plan.driftDevices() / 2);
            assertThat(f.delay(kind).missed()).as(kind.metricName()).isZero();
        }
        assertThat(f.delay(DriftKind.STEP_0_5_SIGMA).meanRows()).isLessThanOrEqualTo(500.0);
        assertThat(f.delay(DriftKind.STEP_1_SIGMA).meanRows())
            .isLessThanOrEqualTo(f.delay(DriftKind.STEP_0_5_SIGMA).meanRows());
        assertThat(f.falseAlarmsPer10k()).isLessThanOrEqualTo(CLEAN_BUDGET_PER_10K);
        assertThat(f.recovery().rounds()).isBetween(0, plan.recoveryRounds());
    }

    private static Map<String, String> withLambda(Map<String, String> settings) {
        settings.put(DriftSettings.PH_LAMBDA, "1e9");
        return settings;
    }

    /**
     * What the full suite measures on clean generator devices with the default settings (8.8 per 10k rows, every
     * method and severity; the scaled-down plan measures 5.9), rounded up: far above the target of 1.
     */
    static final double CLEAN_BUDGET_PER_10K = 10.0;

    @Test
    void aDetectorThatNeverAlertsMissesEveryDriftAndRaisesNoAlarm() throws Exception {
        // every monitored feature ignored and Page-Hinkley out of reach: the suite must then report only misses
        DriftSettings deaf = DriftSettings.fromMap(withLambda(
            DriftSettings.DEFAULTS.withIgnoredFeatures(Set.copyOf(EdgeIiotFeatures.NUMERIC)).toMap()));
        GeneratorDriftSuite.Plan plan = new GeneratorDriftSuite.Plan(4, 3_000, 2, 1_500, 600, 20, 2, 1, 3L);
        DriftSuiteFigures f = new GeneratorDriftSuite(plan, deaf, s -> { }).run();
        for (DriftKind kind : DriftKind.values()) {
            assertThat(f.delay(kind).runs()).as(kind.metricName()).isPositive();
            assertThat(f.delay(kind).missed()).as(kind.metricName()).isEqualTo(f.delay(kind).runs());
            assertThat(f.delay(kind).meanRows()).isEqualTo(600.0);
        }
        assertThat(f.falseAlarmsPer10k()).isZero();
    }
}
